using System.Globalization;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Commands;

/// <summary><c>db migrate</c> and <c>db seed [--products N]</c>.</summary>
public static class DatabaseCommands
{
    /// <summary>The most products one <c>db seed</c> adds.</summary>
    public const int MaxProducts = 10_000_000;

    public static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        await output.WriteLineAsync($"Database: {Describe(db)}");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        await output.WriteLineAsync(pending == 0 ? "Already up to date." : $"Applied {pending} migration(s).");
        return 0;
    }

    /// <summary>
    /// Migrates, seeds the demo catalog and accounts into an empty database (whatever the
    /// environment: the command asks for it), then adds <paramref name="products"/> generated products.
    /// </summary>
    public static async Task<int> SeedAsync(IServiceProvider services, int products, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await MigrateAsync(services, output, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var hadUsers = await db.Users.AnyAsync(cancellationToken);
        await DemoSeed.SeedAsync(db, cancellationToken);
        await output.WriteLineAsync(hadUsers ? "Demo data: already present, left alone." : "Demo data: seeded.");

        if (products > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Adding {products:N0} generated products:"));
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ShopDbContext>>();
            await BenchmarkCatalog.AddProductsAsync(factory, products, output, cancellationToken);
        }

        var total = await db.Products.CountAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"The catalog holds {total:N0} products."));
        return 0;
    }

    private static string Describe(ShopDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return $"{db.Database.ProviderName?.Split('.').Last()} {connection.DataSource}{(string.IsNullOrEmpty(connection.Database) || connection.Database == "main" ? string.Empty : "/" + connection.Database)}";
    }
}
