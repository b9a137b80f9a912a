using System.Diagnostics;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The server, warming the application up as soon as it listens: the warm-up requests run through
/// the server's socket to the application's real pipeline (connection and HTTP handling,
/// middlewares, transport, validation, execution, data access, serialization; see
/// <see cref="LoopbackRequest"/>), pass after pass, until the JIT has gone quiet
/// (<see cref="QuietWindow"/>). Meanwhile <see cref="WarmUpState"/> says the instance is warming
/// up, which keeps its readiness probe (<see cref="WarmUpHealthCheck"/>) unhealthy; liveness and
/// any request are answered as usual.
/// </summary>
/// <remarks>
/// <para>A fresh instance serves its first seconds from unoptimised code: the JIT's one background
/// thread recompiles the hot methods (twice each, with profile-guided optimisation) and under load it
/// gets a small share of the core. Warmed behind its readiness probe, the instance gets its first
/// clients once that is done. While the JIT is still compiling, each pass is followed by a pause of at
/// most the pass's length, over as soon as the JIT has nothing left to do (<see cref="JitPause"/>), so
/// that the recompilation the pass asked for gets the core rather than more of the same calls.</para>
/// <para>Clients that send GraphQL requests meanwhile (no readiness gate in front of the instance)
/// warm it themselves: after <see cref="GraphQLWarmUpOptions.ClientRequests"/> of them the warm-up
/// stops rather than compete with them.</para>
/// <para>The warm-up only reads (its requests are anonymous queries), its answers are thrown away and
/// never cached (<see cref="WarmUpRequestFeature"/>), and a warm-up that fails is logged and over.</para>
/// </remarks>
internal sealed partial class WarmingServer(
    IServer inner,
    IGraphQLWarmUpRequests source,
    WarmUpState state,
    GraphQLServerOptions options,
    ILogger<WarmingServer> logger) : IServer
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private Task _warmUp = Task.CompletedTask;

    /// <summary>The server that listens.</summary>
    internal IServer Inner => inner;

    /// <summary>The warm-up, once the server has started; complete when it is over.</summary>
    internal Task WarmUp => _warmUp;

    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        state.Begin(); // before the first readiness probe can arrive
        var clients = new ClientRequestCounter<TContext>(application, options.Path, _token);
        try
        {
            await inner.StartAsync(clients, cancellationToken);
        }
        catch
        {
            state.End();
            throw;
        }

        _warmUp = Task.Run(() => RunAsync(application, clients, _stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _warmUp.WaitAsync(cancellationToken);
        await inner.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        inner.Dispose();
    }

    private async Task RunAsync<TContext>(IHttpApplication<TContext> application, ClientRequestCounter<TContext> clients, CancellationToken stopping)
        where TContext : notnull
    {
        try
        {
            await WarmUpAsync(application, clients, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The instance is stopping.
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
        finally
        {
            clients.Stop();
            state.End();
        }
    }

    private async Task WarmUpAsync<TContext>(IHttpApplication<TContext> application, ClientRequestCounter<TContext> clients, CancellationToken stopping)
        where TContext : notnull
    {
        var settings = options.WarmUp;
        var started = Stopwatch.GetTimestamp();
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        var requests = await source.GetAsync(stopping);
        if (requests.Count == 0)
        {
            return;
        }

        // A request that does not finish (a resolver waiting on something that is not there yet) is
        // cancelled at the deadline like the rest of the warm-up: readiness never waits longer.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(settings.MaxDuration);
        using var loopback = LoopbackRequest.TryCreate(inner, options.Path, _token);
        var run = new Pass<TContext>(application, options.Path, requests, loopback, logger);
        var compiledAtStart = JitInfo.GetCompiledMethodCount();
        var jitTimeAtStart = JitInfo.GetCompilationTime();
        var compiled = compiledAtStart;
        var window = new QuietWindow(settings);
        var minPasses = settings.EffectiveMinPasses; // read from the runtime configuration once
        var passes = 0;
        var warm = false;
        var served = false;
        try
        {
            while (!warm && !served)
            {
                var passStarted = Stopwatch.GetTimestamp();
                await run.RunAsync(deadline.Token);
                passes++;
                var now = JitInfo.GetCompiledMethodCount();
                if (now != compiled)
                {
                    compiled = now;
                    await JitPause.OfThisProcess.WaitAsync(Stopwatch.GetElapsedTime(passStarted), deadline.Token);
                }

                warm = window.Add(Stopwatch.GetTimestamp(), JitInfo.GetCompilationTime()) && passes >= minPasses;
                served = clients.Count >= settings.ClientRequests;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // MaxDuration reached in the middle of a pass.
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpuMilliseconds = (long)(Environment.CpuUsage.TotalTime - cpuAtStart).TotalMilliseconds;
        var compiledDuring = JitInfo.GetCompiledMethodCount() - compiledAtStart;
        var jitMilliseconds = (long)(JitInfo.GetCompilationTime() - jitTimeAtStart).TotalMilliseconds;
        LogWarmedUp(logger, requests.Count, passes, elapsed, cpuMilliseconds, compiledDuring, jitMilliseconds, warm ? "warm" : served ? "clients were served meanwhile" : "stopped at GraphQL:WarmUp:MaxDuration");
    }

    /// <summary>A 200 with data and no errors: what a query the warm-up can count on is answered with.</summary>
    private static bool IsData(WarmUpAnswer answer) =>
        answer.StatusCode == 200 && answer.Body.AsSpan().IndexOf("\"data\""u8) >= 0 && answer.Body.AsSpan().IndexOf("\"errors\""u8) < 0;

    /// <summary>
    /// One pass: each request once, in order, over the loopback socket where the server has one (else
    /// in process); a request not answered with data alone is logged the first time.
    /// </summary>
    private sealed class Pass<TContext>(IHttpApplication<TContext> application, string path, IReadOnlyList<WarmUpRequest> requests, LoopbackRequest? loopback, ILogger logger)
        where TContext : notnull
    {
        private readonly byte[][] _bodies = [.. requests.Select(request => Encoding.UTF8.GetBytes(request.Body))];
        private readonly bool[] _reported = new bool[requests.Count];
        private LoopbackRequest? _loopback = loopback;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < _bodies.Length; i++)
            {
                var answer = await PostAsync(_bodies[i], cancellationToken);
                cancellationToken.ThrowIfCancellationRequested(); // an answer cut short by the deadline says nothing
                if (!_reported[i] && !IsData(answer))
                {
                    // It still runs: it warms what it reaches. Said once, so that a broken list gets mended.
                    _reported[i] = true;
                    var start = Encoding.UTF8.GetString(answer.Body.AsSpan(0, Math.Min(answer.Body.Length, 500)));
                    LogRequestFailed(logger, requests[i].Name, answer.StatusCode, start);
                }
            }
        }

        private async Task<WarmUpAnswer> PostAsync(byte[] body, CancellationToken cancellationToken)
        {
            if (_loopback is not null)
            {
                try
                {
                    return await _loopback.PostAsync(body, cancellationToken);
                }
                catch (HttpRequestException exception)
                {
                    // The address is not reachable from here (a firewall, a name): in process then.
                    LogLoopbackFailed(logger, exception);
                    _loopback = null;
                }
            }

            return await InProcessRequest.PostAsync(application, path, body, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up: {Requests} requests, {Passes} passes, {ElapsedMilliseconds} ms ({CpuMilliseconds} ms of the process's CPU), {Compiled} methods compiled in {JitMilliseconds} ms ({Outcome})")]
    private static partial void LogWarmedUp(ILogger logger, int requests, int passes, long elapsedMilliseconds, long cpuMilliseconds, long compiled, long jitMilliseconds, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up request {Name} was not answered with data alone ({StatusCode}): {Body}")]
    private static partial void LogRequestFailed(ILogger logger, string name, int statusCode, string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "The warm-up cannot reach the server over loopback; it runs in process")]
    private static partial void LogLoopbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up failed; the instance is ready without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
