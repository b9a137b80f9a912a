using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Orders;

/// <summary>Nothing sold twice, nothing ordered twice: fifty requests at the same moment.</summary>
/// <summary>Run on each provider: <see cref="OnSqlite"/> and <see cref="OnPostgres"/>.</summary>
public abstract class CheckoutRaceTests(DatabaseProvider provider) : IDisposable
{
    private const int Racers = 50;

    private readonly ShopApiFactory _factory = new(provider);

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Fifty_customers_racing_for_the_last_unit_buy_it_once()
    {
        await _factory.SetStockAsync(Novel, 1);
        var customers = await _factory.CreateCustomersAsync(Racers);
        foreach (var customer in customers)
        {
            await _factory.PutInCartAsync(customer, Novel, 1);
        }

        var clients = customers.Select(_factory.ClientFor).ToList();
        var responses = await Task.WhenAll(clients.Select(c => Task.Run(() => c.CheckoutAsync("last-one"))));

        Assert.All(responses, r => r.AssertNoErrors());
        var payloads = responses.Select(r => r.Data!["checkout"]!).ToList();
        Assert.Single(payloads, p => p["order"] is not null);
        var refused = payloads.Where(p => p["order"] is null).ToList();
        Assert.Equal(Racers - 1, refused.Count);
        Assert.All(refused, p =>
        {
            var error = Assert.Single(p["errors"]!.AsArray())!;
            Assert.Equal("OutOfStockError", error["__typename"]!.GetValue<string>());
            Assert.Equal(1, error["requested"]!.GetValue<int>());
            Assert.Equal(0, error["available"]!.GetValue<int>());
        });
        Assert.Equal(0, await _factory.StockAsync(Novel));
        Assert.Single(_factory.Payments().Charges);
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Orders.CountAsync());
        Assert.Equal(1, await db.CheckoutAttempts.CountAsync());
        Assert.Single(await db.OutboxMessages.Where(m => m.Type == nameof(OrderPlaced)).ToListAsync());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Theory]
    [InlineData(PaymentSimulator.Visa)]
    [InlineData(PaymentSimulator.Slow)] // every replay arrives while the first is still charging
    public async Task Fifty_concurrent_replays_of_one_key_place_one_order_with_identical_answers(string paymentToken)
    {
        await _factory.PutInCartAsync(AliceId, Novel, 2);
        using var alice = _factory.ClientFor(AliceId);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => alice.CheckoutAsync("one-key", paymentToken))));

        Assert.All(responses, r => r.AssertNoErrors());
        var answers = responses.Select(r => r.Data!.ToJsonString()).Distinct().ToList();
        var answer = Assert.Single(answers);
        Assert.Contains("\"status\":\"PLACED\"", answer, StringComparison.Ordinal);
        Assert.Equal(1, await _factory.StockAsync(Novel));
        Assert.Single(_factory.Payments().Charges);
        await using var db = _factory.Db();
        Assert.Equal(1, await db.Orders.CountAsync());
    }

    public sealed class OnSqlite() : CheckoutRaceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgres() : CheckoutRaceTests(DatabaseProvider.Postgres);
}
