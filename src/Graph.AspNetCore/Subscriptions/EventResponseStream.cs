using System.Threading.Channels;
using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// The response stream of one subscription field: for each observer, a loop that pulls one event,
/// executes it in its own scope (<see cref="ScopedSubscriptionExecutionStrategy"/>) and delivers the
/// result before pulling the next. Nothing is delivered once the observer's subscription is disposed.
/// </summary>
internal sealed class EventResponseStream(
    ScopedSubscriptionExecutionStrategy strategy,
    ExecutionContext preserved,
    ExecutionNode node,
    IObservable<object?> source,
    int bufferSize) : IObservable<ExecutionResult>
{
    public IDisposable Subscribe(IObserver<ExecutionResult> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new Subscription();

        // Registered with the source now, synchronously: an event published once Subscribe has
        // returned reaches this subscriber.
        IAsyncEnumerator<object?> events = source is IAsyncEnumerable<object?> pull
            ? pull.GetAsyncEnumerator(subscription.Token)
            : new ObservableBuffer(source, bufferSize, subscription.Token);
        _ = RunAsync(events, observer, subscription);
        return subscription;
    }

    private async Task RunAsync(IAsyncEnumerator<object?> events, IObserver<ExecutionResult> observer, Subscription subscription)
    {
        var token = subscription.Token;
        try
        {
            await using (events.ConfigureAwait(false))
            {
                while (true)
                {
                    bool next;
                    try
                    {
                        next = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex)
                    {
                        var error = await strategy.ExecuteErrorAsync(preserved, node, ex, token).ConfigureAwait(false);
                        if (!subscription.IsDisposed)
                        {
                            observer.OnError(error);
                        }

                        return;
                    }

                    if (!next)
                    {
                        if (!subscription.IsDisposed)
                        {
                            observer.OnCompleted();
                        }

                        return;
                    }

                    var result = await strategy.ExecuteEventAsync(preserved, node, events.Current, token).ConfigureAwait(false);
                    if (subscription.IsDisposed)
                    {
                        return;
                    }

                    if (observer is IDeliveryObserver<ExecutionResult> delivery)
                    {
                        await delivery.OnNextAsync(result, token).ConfigureAwait(false);
                    }
                    else
                    {
                        observer.OnNext(result);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Unsubscribed while an event was executing or being delivered.
        }
        catch (Exception ex) when (!subscription.IsDisposed)
        {
            // The observer itself failed; the stream ends for it.
            observer.OnError(ex);
        }
        finally
        {
            subscription.Release();
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private int _disposed;

        public CancellationToken Token { get; }

        public Subscription() => Token = _cancellation.Token;

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _cancellation.Cancel();
            }
        }

        /// <summary>
        /// The loop has ended: nothing more is delivered. The token source has no timer or link, so
        /// it holds nothing to release and is left to the collector (cancelling it stays safe).
        /// </summary>
        public void Release() => Interlocked.Exchange(ref _disposed, 1);
    }

    /// <summary>Buffers an observable source (one that cannot be pulled) in a bounded channel.</summary>
    private sealed class ObservableBuffer : IAsyncEnumerator<object?>, IObserver<object?>
    {
        private readonly Channel<object?> _channel;
        private readonly int _capacity;
        private readonly CancellationToken _cancellationToken;
        private readonly IDisposable _subscription;

        public ObservableBuffer(IObservable<object?> source, int capacity, CancellationToken cancellationToken)
        {
            _capacity = capacity;
            _cancellationToken = cancellationToken;
            _channel = Channel.CreateBounded<object?>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
            _subscription = source.Subscribe(this);
        }

        public object? Current { get; private set; }

        public void OnNext(object? value)
        {
            if (!_channel.Writer.TryWrite(value))
            {
                _channel.Writer.TryComplete(new SubscriberTooSlowException("(stream)", _capacity));
            }
        }

        public void OnError(Exception error) => _channel.Writer.TryComplete(error);

        public void OnCompleted() => _channel.Writer.TryComplete();

        public async ValueTask<bool> MoveNextAsync()
        {
            while (true)
            {
                if (_channel.Reader.TryRead(out var item))
                {
                    Current = item;
                    return true;
                }

                if (!await _channel.Reader.WaitToReadAsync(_cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _subscription.Dispose();
            _channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
