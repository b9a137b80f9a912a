using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;

namespace Graph.Api.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ShopDbContext"/>: a pooled factory, the request's <see cref="ShopReadSession"/>
    /// (one context for a query's reads) and a scoped context for mutations. SQLite by default, a
    /// file in the data folder.
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
                options.UseNpgsql(PostgresConnectionString(connectionString, configuration));
            }
            else
            {
                // The model compiled to code (SqliteModel/, `dbcontext optimize`; SqliteModelTests fail when it
                // drifts from the one OnModelCreating builds): building it at start took 0.8 s of the 2.5 s
                // before the server listens, and made EF Core's model-building code hot for the JIT.
                options.UseModel(SqliteModel.ShopDbContextModel.Instance);

                // A key list as one JSON parameter (json_each): the SQL of a DataLoader batch is the same
                // whatever its size, so EF Core caches one command instead of re-expanding IN (...) per count.
                options.UseSqlite(SqliteConnectionString(connectionString, environment), sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(new SqlitePragmaInterceptor())
                    .ReplaceService<IQueryCompilationContextFactory, HoistingSqliteQueryCompilationContextFactory>()
                    .ReplaceService<IQuerySqlGeneratorFactory, BoundLimitSqliteQuerySqlGenerator.Factory>();
            }

            // Each provider has its own migration set (Data/Migrations/Sqlite, Data/Migrations/Postgres).
            options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();

            // Migrating, EF Core would first build the model again from the last migration's snapshot
            // and compare the two (a warning when they differ): a second model build at every start
            // that migrates, and its code made hot for the JIT. PendingModelChangesTests makes that
            // comparison once, in the tests, where a missing migration belongs.
            options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext());
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<SqliteReadContextPool>();
        }

        services.AddScoped<ShopReadSession>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    // Npgsql pools connections per connection string: Database:MaxPoolSize sizes the pool of each
    // instance (N instances × pool size must stay under the server's max_connections).
    private static string PostgresConnectionString(string? configured, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured ?? throw new InvalidOperationException(
            "Database:Provider is Postgres but ConnectionStrings:Shop is not set."));
        var maxPoolSize = configuration.GetValue<int?>(DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.MaxPoolSize));
        if (maxPoolSize is > 0)
        {
            builder.MaxPoolSize = maxPoolSize.Value;
        }

        return builder.ToString();
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
