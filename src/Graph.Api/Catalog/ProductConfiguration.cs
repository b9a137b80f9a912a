using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.Name);
        builder.Property(p => p.Slug).HasMaxLength(220);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.HasIndex(p => p.Price);
        builder.Property(p => p.RowVersion).IsConcurrencyToken();
        builder.Ignore(p => p.AverageRating);
        builder.HasOne(p => p.Category).WithMany(c => c.Products).HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_Products_Stock", "\"Stock\" >= 0"));
        builder.ToTable(t => t.HasCheckConstraint("CK_Products_Price", "\"Price\" > 0"));
    }
}
