using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Catalog;
using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.Accounts.Audit;
using Graph.Api.Accounts.Mfa;
using Graph.Api.Reviews;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// The shop's database: every entity of the contract (src/Graph.Api/README.md), the outbox, the audit
/// trail and the Data Protection key ring (shared by every instance, backed up with the data it protects).
/// </summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<CartItem> CartItems => Set<CartItem>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<CheckoutAttempt> CheckoutAttempts => Set<CheckoutAttempt>();

    public DbSet<MfaRecoveryCode> MfaRecoveryCodes => Set<MfaRecoveryCode>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.Property(m => m.Type).HasMaxLength(100);
            outbox.Property(m => m.ClaimedBy).HasMaxLength(100);
            outbox.HasIndex(m => m.SentAt);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite would otherwise hand them back with an unspecified kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();

        // SQLite has no decimal type, and EF Core cannot compare or sort decimals stored as TEXT there.
        // Money is stored as whole cents (INTEGER), so filters and sorts on price run in SQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<decimal>().HaveConversion<MoneyAsCentsConverter>();
        }
        else
        {
            configurationBuilder.Properties<decimal>().HavePrecision(12, 2);

            // Byte order, as SQLite's BINARY: sorts, keyset cursors and lower() (ASCII letters only)
            // give the same results on both providers, whatever locale the cluster was created with.
            configurationBuilder.Properties<string>().UseCollation("C");
        }
    }
}
