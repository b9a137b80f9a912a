using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Subscriptions;
using Graph.AspNetCore.Relay;
using Graph.AspNetCore.Subscriptions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.Outbox;

/// <summary>
/// The outbox path of live events: an event is published for a committed change and never for a
/// rolled-back one, rows a crash left unsent are published when the app starts, and neither an
/// unreadable row nor a failing bus stops the dispatcher (or the host).
/// </summary>
public sealed class OutboxDeliveryTests : IDisposable
{
    private const string StockChanged = "subscription($id: ID!) { productStockChanged(productId: $id) { id stock } }";
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_committed_change_is_delivered_and_a_rolled_back_one_never_is()
    {
        var token = await _factory.CreateClient().LogInAsync(DemoAccounts.Staff);
        await using var client = await TransportWsTestClient.ConnectAsync(_factory, token);
        await client.SubscribeAsync("stock", StockChanged, new { id = GlobalId.Encode("Product", 7) });

        var rolledBack = await ChangeStockAsync(productId: 7, by: 100, commit: false);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(1.5)));

        var committed = await ChangeStockAsync(productId: 7, by: 5, commit: true);
        var message = await client.ReceiveAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("next", message?["type"]?.ToString());
        Assert.Equal(committed, (int)message!["payload"]!["data"]!["productStockChanged"]!["stock"]!);
        Assert.NotEqual(rolledBack, committed);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(1)));

        await using var db = await DbAsync(_factory.Services);
        var rows = await db.OutboxMessages.Where(m => m.Type == nameof(ProductStockChanged)).ToListAsync();
        Assert.DoesNotContain(rows, m => m.Payload.Contains($"\"stock\":{rolledBack}", StringComparison.Ordinal));
        Assert.All(rows, m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task Rows_left_unsent_by_a_crash_are_published_in_order_when_the_app_starts()
    {
        // The first run creates and seeds the database, then stops; rows are left unsent behind it.
        using (var first = new ShopApiFactory { Settings = { ["ConnectionStrings:Shop"] = $"Data Source={_factory.DatabasePath}" } })
        {
            _ = first.Services;
        }

        long[] ids;
        await using (var db = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite($"Data Source={_factory.DatabasePath}").Options))
        {
            var at = DateTime.UtcNow;
            db.AddEvent(new ProductStockChanged(8, 11), at);
            db.AddEvent(new OrderPlaced(1234), at);
            db.AddEvent(new ProductStockChanged(9, 12), at);
            await db.SaveChangesAsync();
            ids = await db.OutboxMessages.Where(m => m.SentAt == null).OrderBy(m => m.Id).Select(m => m.Id).ToArrayAsync();
        }

        Assert.Equal(3, ids.Length);
        var published = new Arrivals<(string Topic, OutboxEvent Event)>();
        using var restarted = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITopicEventBus>(provider => new RecordingBus(provider.GetRequiredService<InMemoryTopicEventBus>(), published))));
        _ = restarted.Services;

        await published.WaitForAsync(3);
        Assert.Equal(ids, published.Items.Select(p => p.Event.OutboxId));
        Assert.Equal(["ProductStockChanged:8", "OrderPlaced", "ProductStockChanged:9"], published.Items.Select(p => p.Topic));
        await using var check = await DbAsync(restarted.Services);
        await Eventually.WaitUntilAsync(() => check.OutboxMessages.AsNoTracking().All(m => m.SentAt != null), "every row is marked sent");
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_is_set_aside_and_the_rows_after_it_still_go_out()
    {
        var ids = await LeaveUnsentRowsAsync(db =>
        {
            var at = DateTime.UtcNow;
            db.AddEvent(new ProductStockChanged(8, 11), at);
            db.OutboxMessages.Add(new OutboxMessage { Type = nameof(ProductStockChanged), Payload = "{not json", OccurredAt = at });
            db.AddEvent(new ProductStockChanged(9, 12), at);
        });

        var published = new Arrivals<(string Topic, OutboxEvent Event)>();
        using var restarted = WithBus(inner => new RecordingBus(inner, published));
        _ = restarted.Services;

        await published.WaitForAsync(2);
        Assert.Equal([ids[0], ids[2]], published.Items.Select(p => p.Event.OutboxId));
        await using var check = await DbAsync(restarted.Services);
        await Eventually.WaitUntilAsync(() => check.OutboxMessages.AsNoTracking().All(m => m.SentAt != null), "every row is marked sent");
        Assert.Contains(_factory.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains($"Outbox message {ids[1]}", StringComparison.Ordinal));

        // The dispatcher is still at work.
        await using (var db = await DbAsync(restarted.Services))
        {
            db.AddEvent(new ProductStockChanged(10, 13), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await published.WaitForAsync(3);
    }

    [Fact]
    public async Task A_bus_that_fails_stops_nothing_and_every_row_goes_out_in_order_once_it_is_back()
    {
        var ids = await LeaveUnsentRowsAsync(db =>
        {
            var at = DateTime.UtcNow;
            db.AddEvent(new ProductStockChanged(8, 11), at);
            db.AddEvent(new ProductStockChanged(9, 12), at);
        });

        var published = new Arrivals<(string Topic, OutboxEvent Event)>();
        using var restarted = WithBus(inner => new FailingFirstBus(new RecordingBus(inner, published), failures: 2));
        _ = restarted.Services;

        await published.WaitForAsync(2);
        Assert.Equal(ids, published.Items.Select(p => p.Event.OutboxId));
        Assert.Contains(_factory.Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains($"Publishing outbox message {ids[0]} failed", StringComparison.Ordinal));
    }

    // Creates the database with a first run that stops, then writes rows no dispatcher has seen.
    private async Task<long[]> LeaveUnsentRowsAsync(Action<ShopDbContext> write)
    {
        using (var first = new ShopApiFactory { Settings = { ["ConnectionStrings:Shop"] = $"Data Source={_factory.DatabasePath}" } })
        {
            _ = first.Services;
        }

        await using var db = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite($"Data Source={_factory.DatabasePath}").Options);
        write(db);
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.SentAt == null).OrderBy(m => m.Id).Select(m => m.Id).ToArrayAsync();
    }

    private WebApplicationFactory<Program> WithBus(Func<ITopicEventBus, ITopicEventBus> wrap) =>
        _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(provider => wrap(provider.GetRequiredService<InMemoryTopicEventBus>()))));

    private async Task<int> ChangeStockAsync(int productId, int by, bool commit)
    {
        await using var db = await DbAsync(_factory.Services);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var product = await db.Products.SingleAsync(p => p.Id == productId);
        product.Stock += by;
        db.AddEvent(new ProductStockChanged(product.Id, product.Stock), DateTime.UtcNow);
        await db.SaveChangesAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return product.Stock;
    }

    private static Task<ShopDbContext> DbAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();

    /// <summary>A bus that is away for its first <c>failures</c> publishes.</summary>
    private sealed class FailingFirstBus(ITopicEventBus inner, int failures) : ITopicEventBus
    {
        private int _failures = failures;

        public ValueTask PublishAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
            where TMessage : notnull =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new InvalidOperationException("The bus is away.")
                : inner.PublishAsync(topic, message, cancellationToken);

        public ITopicEvents<TMessage> Subscribe<TMessage>(string topic)
            where TMessage : notnull => inner.Subscribe<TMessage>(topic);
    }

    private sealed class RecordingBus(ITopicEventBus inner, Arrivals<(string, OutboxEvent)> published) : ITopicEventBus
    {
        public ValueTask PublishAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default)
            where TMessage : notnull
        {
            if (message is OutboxEvent outboxEvent)
            {
                published.Add((topic, outboxEvent));
            }

            return inner.PublishAsync(topic, message, cancellationToken);
        }

        public ITopicEvents<TMessage> Subscribe<TMessage>(string topic)
            where TMessage : notnull => inner.Subscribe<TMessage>(topic);
    }
}
