using Graph.Api.Accounts;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data;

public sealed class DemoSeedTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_fresh_database_holds_the_demo_catalog_and_the_four_accounts()
    {
        await using var db = await CreateDbContextAsync();

        Assert.True(await db.Categories.CountAsync() >= 5);
        Assert.Equal(60, await db.Products.CountAsync());
        Assert.True(await db.Products.CountAsync(p => p.Stock > 0) >= 50);
        Assert.True(await db.Reviews.Select(r => r.AuthorId).Distinct().CountAsync() >= 3);
        var accounts = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Email, u.Role }).ToListAsync();
        Assert.Equal(
            [("admin@shop.test", Role.Admin), ("staff@shop.test", Role.Staff), ("alice@shop.test", Role.Customer), ("bob@shop.test", Role.Customer)],
            accounts.Select(a => (a.Email, a.Role)));
    }

    [Fact]
    public async Task Demo_accounts_have_the_published_password_hashed_not_stored()
    {
        await using var db = await CreateDbContextAsync();
        var alice = await db.Users.SingleAsync(u => u.Email == "alice@shop.test");

        Assert.DoesNotContain(DemoSeed.DemoPassword, alice.PasswordHash, StringComparison.Ordinal);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<User>().VerifyHashedPassword(alice, alice.PasswordHash, DemoSeed.DemoPassword));
    }

    [Fact]
    public async Task The_seed_is_deterministic()
    {
        using var other = new ShopApiFactory();
        _ = other.Services;
        await using var first = await CreateDbContextAsync();
        await using var second = await other.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();

        var a = await first.Products.OrderBy(p => p.Id).Select(p => new { p.Id, p.Sku, p.Slug, p.Price, p.Stock, p.CategoryId, p.CreatedAt }).ToListAsync();
        var b = await second.Products.OrderBy(p => p.Id).Select(p => new { p.Id, p.Sku, p.Slug, p.Price, p.Stock, p.CategoryId, p.CreatedAt }).ToListAsync();
        Assert.Equal(a, b);
        Assert.Equal(
            await first.Reviews.OrderBy(r => r.Id).Select(r => new { r.ProductId, r.AuthorId, r.Rating }).ToListAsync(),
            await second.Reviews.OrderBy(r => r.Id).Select(r => new { r.ProductId, r.AuthorId, r.Rating }).ToListAsync());
    }

    [Fact]
    public async Task The_sqlite_database_runs_in_wal_mode_with_foreign_keys_and_full_sync()
    {
        await using var db = await CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        Assert.Equal("wal", await Pragma(db, "journal_mode"));
        Assert.Equal("1", await Pragma(db, "foreign_keys"));
        Assert.Equal("2", await Pragma(db, "synchronous")); // FULL
    }

    [Fact]
    public async Task Every_open_from_the_connection_pool_keeps_full_sync_and_the_busy_timeout()
    {
        // The settings are made once per native connection; pooled re-opens must still have them,
        // also while several connections are open at once (so the pool holds more than one).
        for (var round = 0; round < 3; round++)
        {
            await using var a = await CreateDbContextAsync();
            await using var b = await CreateDbContextAsync();
            await a.Database.OpenConnectionAsync();
            await b.Database.OpenConnectionAsync();
            foreach (var db in new[] { a, b })
            {
                Assert.Equal("2", await Pragma(db, "synchronous"));
                Assert.Equal("10000", await Pragma(db, "busy_timeout"));
            }
        }
    }

    private async Task<ShopDbContext> CreateDbContextAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();

    private static async Task<string> Pragma(ShopDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
