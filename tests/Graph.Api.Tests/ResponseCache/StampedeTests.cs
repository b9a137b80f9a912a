using System.Data.Common;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>Many concurrent misses on one key run the operation once; the others wait for its result.</summary>
public sealed class StampedeTests : IDisposable
{
    private readonly ShopApiFactory _factory = new()
    {
        // Every read is slowed down, so the concurrent requests all arrive while the first computes.
        TestServices = services => services.ConfigureDbContext<ShopDbContext>((_, options) => options.AddInterceptors(new SlowReads())),
    };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Twenty_concurrent_misses_on_one_key_execute_it_once()
    {
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();
        (await client.ReadAsync(CachedReads.Storefront, new { first = 7 })).Response.AssertNoErrors();
        var once = _factory.SqlCommands.Commands.Count;
        Assert.True(once > 0);

        _factory.SqlCommands.Reset();
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ReadAsync(CachedReads.Storefront, new { first = 9 })));

        Assert.Equal(once, _factory.SqlCommands.Commands.Count);
        Assert.Single(reads, read => read.Cache == "MISS");
        Assert.All(reads, read => Assert.Equal(reads[0].Response.Text, read.Response.Text));
    }

    private sealed class SlowReads : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await Task.Delay(50, cancellationToken);
            return result;
        }
    }
}
