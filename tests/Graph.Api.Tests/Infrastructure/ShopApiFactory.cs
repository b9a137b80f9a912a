using Graph.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// The real application (the same Program, the same schema registration) with an ephemeral database
/// of its own, migrated and seeded with the demo data: a SQLite file by default, or a PostgreSQL
/// database of the shared test cluster (<see cref="PostgresServer"/>). One per test.
/// </summary>
public sealed class ShopApiFactory : WebApplicationFactory<Program>
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "graph-tests");
    private readonly PostgresServer? _postgres;
    private readonly string? _postgresDatabase;
    private readonly string? _givenConnectionString;

    public ShopApiFactory()
        : this(DatabaseProvider.Sqlite)
    {
    }

    public ShopApiFactory(DatabaseProvider provider)
    {
        Provider = provider;

        // A host of its own: test helpers remember what they know of each server (MfaSignIn's enrolments) by its base address.
        ClientOptions.BaseAddress = new Uri($"http://shop-{Guid.NewGuid():N}.test/");
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
        if (provider == DatabaseProvider.Postgres)
        {
            // Blocking once per test: the constructor of a test class cannot await.
            _postgres = PostgresServer.SharedAsync().GetAwaiter().GetResult();
            _postgresDatabase = _postgres.CreateDatabaseAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The application on a database that someone else owns (a template being seeded, say): it is
    /// migrated and seeded as at any start, and left in place at dispose.
    /// </summary>
    public ShopApiFactory(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        DatabasePath = string.Empty;
        _givenConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file (unused on PostgreSQL and on a given database).</summary>
    public string DatabasePath { get; }

    /// <summary>The application's connection string.</summary>
    public string ConnectionString => _givenConnectionString ?? (_postgres is not null ? _postgres.ConnectionString(_postgresDatabase!) : $"Data Source={DatabasePath}");

    /// <summary>Every SQL command the application ran while answering a request; reset it before the request under test.</summary>
    public SqlCommandRecorder SqlCommands { get; } = new();

    /// <summary>Every database connection the application opened while answering a request; reset it before the request under test.</summary>
    public ConnectionOpenRecorder ConnectionOpens { get; } = new();

    /// <summary>What the application logged at Warning and above (the level these tests configure).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The host environment; Development unless a test says otherwise.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Service replacements for one test, applied after the application's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Extra configuration, as <c>Section:Key</c> pairs.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Shop", ConnectionString);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // A key for tests only; outside Development the server refuses to start without one.
        builder.UseSetting("Auth:SigningKey", "graph-tests-signing-key-0123456789abcdef");

        // No warm-up holding a Production host's readiness back for seconds; StorefrontWarmUpTests run it
        // on the real server.
        builder.UseSetting("GraphQL:WarmUp:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<ShopDbContext>((provider, options) =>
            {
                var http = provider.GetRequiredService<IHttpContextAccessor>();
                SqlCommands.IsRecording = () => http.HttpContext is not null;
                ConnectionOpens.IsRecording = SqlCommands.IsRecording;
                options.AddInterceptors(SqlCommands, ConnectionOpens);
            });
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_givenConnectionString is not null)
        {
            return;
        }

        if (_postgres is not null)
        {
            _postgres.DropDatabaseAsync(_postgresDatabase!).GetAwaiter().GetResult();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner; it never affects another test.
            }
        }
    }
}
