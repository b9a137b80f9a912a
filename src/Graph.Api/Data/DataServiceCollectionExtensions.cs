using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ShopDbContext"/>: a pooled factory (each DataLoader batch opens its own
    /// context) and a scoped context for mutations. SQLite by default, a file in the data folder.
    /// </summary>
    public static IServiceCollection AddShopData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);

        var provider = configuration.GetValue(DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Shop");
        services.AddPooledDbContextFactory<ShopDbContext>(options =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Shop is not set."));
            }
            else
            {
                // A key list as one JSON parameter (json_each): the SQL of a DataLoader batch is the same
                // whatever its size, so EF Core caches one command instead of re-expanding IN (...) per count.
                options.UseSqlite(SqliteConnectionString(connectionString, environment), sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqlitePragmaInterceptor());
            }
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    // The default database is a file in the data folder beside the content root; foreign keys on.
    private static string SqliteConnectionString(string? configured, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? string.Empty);
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.Combine(environment.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
            builder.DataSource = Path.Combine(folder, "shop.db");
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }
}
