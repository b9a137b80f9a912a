using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Orders;

internal sealed class CheckoutAttemptConfiguration : IEntityTypeConfiguration<CheckoutAttempt>
{
    public void Configure(EntityTypeBuilder<CheckoutAttempt> builder)
    {
        builder.Property(a => a.IdempotencyKey).HasMaxLength(CheckoutAttempt.MaxKeyLength);

        // The claim: one attempt per user and key, decided by the database, whichever request comes first.
        builder.HasIndex(a => new { a.UserId, a.IdempotencyKey }).IsUnique();
        builder.Property(a => a.CartFingerprint).HasMaxLength(64);
        builder.Property(a => a.PaymentReference).HasMaxLength(100);
        builder.HasOne<Graph.Api.Accounts.User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Order).WithMany().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(a => a.Lines);
    }
}
