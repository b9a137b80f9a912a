using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// The test database, mapped as the shop maps its own: money as integer cents (SQLite cannot order
/// decimals) and an enum stored as its name, whose SQL order is alphabetical.
/// </summary>
public sealed class ItemsDbContext(DbContextOptions<ItemsDbContext> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(item =>
        {
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.Price).HasConversion(v => (long)decimal.Round(v * 100m), v => v / 100m);
            item.Property(i => i.Status).HasConversion<string>();
        });
    }
}
