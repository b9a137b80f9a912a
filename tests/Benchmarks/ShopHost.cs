using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Graph.Benchmarks;

/// <summary>
/// The real shop application (its <c>Program</c>) started in-process on a fresh SQLite file with
/// the demo seed, Development environment, logging at Warning.
/// </summary>
public sealed class ShopHost : WebApplicationFactory<Program>
{
    private readonly string _directory;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="documentCacheSize">GraphQL:DocumentCacheSize, or null for the default.</param>
    public ShopHost(int? documentCacheSize = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), "graph-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Shop"] = "Data Source=" + Path.Combine(_directory, "shop.db"),
            ["Seed:Demo"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (documentCacheSize is { } size)
        {
            _settings["GraphQL:DocumentCacheSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Program reads the connection string while it registers services, before the factory's
        // own configuration is applied: environment variables are read from the very start.
        // (One host per process: BenchmarkDotNet runs every case in a process of its own.)
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Development");
        foreach (var (key, value) in _settings)
        {
            Environment.SetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }

    /// <summary>The application's services (the host is started on first use).</summary>
    public IServiceProvider AppServices => Services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The application's files (appsettings.json) are copied beside this assembly; the factory's
        // own guess of the content root depends on how the process was started.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
