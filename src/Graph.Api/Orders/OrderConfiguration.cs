using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Orders;

internal sealed class OrderConfiguration :
    IEntityTypeConfiguration<Order>,
    IEntityTypeConfiguration<OrderLine>,
    IEntityTypeConfiguration<OrderStatusChange>,
    IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(32);
        builder.HasIndex(o => o.Number).IsUnique();
        // A concurrency token: two moves of one order read at the same time cannot both be saved.
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.HasIndex(o => o.Status);
        builder.HasIndex(o => o.PlacedAt);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(o => new { o.CustomerId, o.IdempotencyKey }).IsUnique();
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.StatusChanges).WithOne().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(o => o.Payment).WithOne().HasForeignKey<Payment>(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Ignore(l => l.LineTotal);
        builder.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_OrderLines_Quantity", "\"Quantity\" > 0"));
    }

    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ProviderReference).HasMaxLength(100);
    }
}
