using BenchmarkDotNet.Attributes;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// What one resolver's database access costs: a context from the pooled factory, one query
/// (<c>categories</c>), disposed. The application's factory runs its connection interceptor (PRAGMAs
/// on every open); the other factory has the same connection string and no interceptor.
/// </summary>
[MemoryDiagnoser]
public class DataAccessBenchmarks
{
    private ShopHost? _host;
    private ServiceProvider? _plainServices;
    private IDbContextFactory<ShopDbContext> _application = null!;
    private IDbContextFactory<ShopDbContext> _withoutInterceptor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        var services = _host.AppServices;
        _application = services.GetRequiredService<IDbContextFactory<ShopDbContext>>();
        var connectionString = new SqliteConnectionStringBuilder(services.GetRequiredService<IConfiguration>().GetConnectionString("Shop"))
        {
            ForeignKeys = true,
        }.ToString();
        _plainServices = new ServiceCollection()
            .AddPooledDbContextFactory<ShopDbContext>(options => options.UseSqlite(connectionString))
            .BuildServiceProvider();
        _withoutInterceptor = _plainServices.GetRequiredService<IDbContextFactory<ShopDbContext>>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plainServices?.Dispose();
        _host?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "application factory")]
    public Task<List<Category>> Application() => CategoriesAsync(_application);

    [Benchmark(Description = "no PRAGMA interceptor")]
    public Task<List<Category>> WithoutInterceptor() => CategoriesAsync(_withoutInterceptor);

    private static async Task<List<Category>> CategoriesAsync(IDbContextFactory<ShopDbContext> factory)
    {
        var db = await factory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            return await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync().ConfigureAwait(false);
        }
    }
}
