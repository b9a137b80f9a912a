using System.Data.Common;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>
/// A WebSocket operation's DI scope (and its pooled <see cref="ShopDbContext"/>) belongs to its run:
/// a client's <c>complete</c> in the middle of a mutation stops the messages, not the mutation, and
/// the scope is disposed only when the mutation has finished with it.
/// </summary>
public sealed class WebSocketOperationScopeTests : IDisposable
{
    private readonly SaveChangesGate _gate = new();
    private readonly ShopApiFactory _factory;

    public WebSocketOperationScopeTests() =>
        _factory = new ShopApiFactory
        {
            TestServices = services => services.ConfigureDbContext<ShopDbContext>((_, options) => options.AddInterceptors(_gate, _gate.Commits)),
        };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Complete_during_a_mutation_lets_it_commit_and_sends_nothing_more_for_it()
    {
        var token = await _factory.CreateClient().LogInAsync(DemoAccounts.Alice);
        await using var socket = await TransportWsTestClient.ConnectAsync(_factory, token);
        var product = Convert.ToBase64String("Product:3"u8.ToArray());

        _gate.Arm();
        await socket.SendAsync(new
        {
            id = "add",
            type = "subscribe",
            payload = new { query = "mutation($p: ID!) { addToCart(input: { productId: $p, quantity: 2 }) { cart { itemCount } } }", variables = new { p = product } },
        });
        await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // The client completes while the mutation is inside SaveChanges; a ping after it comes back
        // as a pong only once the server has handled the complete (one reading loop, in order).
        await socket.SendAsync(new { id = "add", type = "complete" });
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.ReceiveAsync(TimeSpan.FromSeconds(10)))?["type"]?.ToString());

        _gate.Release();
        var saved = await _gate.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(saved);

        // Saved is not yet committed: the query below must not race the mutation's commit.
        await _gate.Committed.WaitAsync(TimeSpan.FromSeconds(10));

        // Nothing more for "add": a query sent now is the next thing the client hears.
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ me { cart { itemCount } } }" } });
        var next = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("after", next?["id"]?.ToString());
        Assert.Equal(2, (int)next!["payload"]!["data"]!["me"]!["cart"]!["itemCount"]!);
        Assert.Empty(_factory.Logs.AtLeast(LogLevel.Error));
    }

    /// <summary>
    /// Holds the first SaveChanges after <see cref="Arm"/> until <see cref="Release"/>, and reports how
    /// it ended and when its context's transaction committed (<see cref="Commits"/> watches that).
    /// </summary>
    private sealed class SaveChangesGate : SaveChangesInterceptor
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DbContext? _held;
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<Exception?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Entered => _entered.Task;

        /// <summary>Null when the held SaveChanges succeeded, else its exception.</summary>
        public Task<Exception?> Finished => _finished.Task;

        /// <summary>Completes when the held context's transaction has committed.</summary>
        public Task Committed => _committed.Task;

        /// <summary>The interceptor that sees the held context's commit.</summary>
        public IInterceptor Commits => new CommitWatcher(this);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _release.TrySetResult();

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Volatile.Write(ref _held, eventData.Context);
                _entered.TrySetResult();
                await _release.Task;
                eventData.Context!.SavedChanges += (_, _) => _finished.TrySetResult(null);
                eventData.Context.SaveChangesFailed += (_, e) => _finished.TrySetResult(e.Exception);
            }

            return result;
        }

        private sealed class CommitWatcher(SaveChangesGate gate) : DbTransactionInterceptor
        {
            public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
            {
                if (eventData.Context is { } context && context == Volatile.Read(ref gate._held))
                {
                    gate._committed.TrySetResult();
                }

                return Task.CompletedTask;
            }
        }
    }
}
