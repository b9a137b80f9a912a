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
            TestServices = services => services.ConfigureDbContext<ShopDbContext>((_, options) => options.AddInterceptors(_gate)),
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

        // Nothing more for "add": a query sent now is the next thing the client hears.
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ me { cart { itemCount } } }" } });
        var next = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("after", next?["id"]?.ToString());
        Assert.Equal(2, (int)next!["payload"]!["data"]!["me"]!["cart"]!["itemCount"]!);
        Assert.Empty(_factory.Logs.AtLeast(LogLevel.Error));
    }

    /// <summary>
    /// Holds the first SaveChanges after <see cref="Arm"/> until <see cref="Release"/>, and reports how
    /// its transaction ended (the mutation saves inside a transaction: saved is not yet committed).
    /// </summary>
    private sealed class SaveChangesGate : ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<Exception?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private DbContext? _held;

        public Task Entered => _entered.Task;

        /// <summary>Null when the held change was committed, else why not.</summary>
        public Task<Exception?> Finished => _finished.Task;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _release.TrySetResult();

        public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Volatile.Write(ref _held, eventData.Context);
                _entered.TrySetResult();
                await _release.Task;
            }

            return result;
        }

        public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == Volatile.Read(ref _held))
            {
                _finished.TrySetResult(eventData.Exception);
            }

            return Task.CompletedTask;
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == Volatile.Read(ref _held))
            {
                _finished.TrySetResult(null);
            }

            return Task.CompletedTask;
        }

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == Volatile.Read(ref _held))
            {
                _finished.TrySetResult(new InvalidOperationException("The held change was rolled back."));
            }

            return Task.CompletedTask;
        }
    }
}
