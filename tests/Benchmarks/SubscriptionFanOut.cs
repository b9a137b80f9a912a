using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text;
using Graph.Api.Outbox;
using Graph.Api.Schema;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Relay;
using Graph.AspNetCore.Subscriptions;
using GraphQL.Transport;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// Subscription fan-out: N idle subscribers of <c>productStockChanged(productId)</c> on one server,
/// one event, the time until each subscriber has it (p50, p90, p99, max) and the memory an idle
/// subscriber costs. Two measurements:
/// <list type="bullet">
/// <item><c>fanout inprocess [--subscribers 10000] [--rounds 5]</c>: the real application in-process
/// (<see cref="ShopHost"/>); each subscriber is a subscription opened through the application's
/// <see cref="GraphQLRequestExecutor{TSchema}"/> in a DI scope of its own, exactly as a WebSocket
/// operation opens one, observed by a sink that serializes each result to JSON bytes as the
/// transport does. The event is published on the bus as the outbox dispatcher publishes it; the
/// time runs from the publish to each subscriber's serialized result (bus, per-event scope,
/// execution, the shared product snapshot read, serialization; no socket). Memory: managed heap
/// after a full GC, before and after opening the subscriptions, divided by N.</item>
/// <item><c>fanout sockets [--subscribers 2000] [--rounds 5]</c>: the real server as a separate
/// process (<c>dotnet Graph.Api.dll</c>, Production, Release) and N real graphql-transport-ws
/// clients on loopback sockets in this process. The event is raised by the real
/// <c>restockProduct</c> mutation (outbox, dispatcher, bus); the time runs from sending the mutation
/// (so it includes the mutation itself and its commit) to each client's receipt of <c>next</c>. Memory: the server's resident set
/// (VmRSS) before and after the subscribers connect, divided by N (an upper bound: it includes
/// garbage not yet collected). Client and server share the machine's cores.</item>
/// </list>
/// </summary>
public static class SubscriptionFanOut
{
    private const string Query = "subscription($p: ID!) { productStockChanged(productId: $p) { id inStock } }";
    private const int ProductId = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "inprocess";
        var subscribers = Option(args, "--subscribers", mode == "sockets" ? 2_000 : 10_000);
        var rounds = Option(args, "--rounds", 5);
        Console.WriteLine($"fan-out {mode}: {subscribers} subscribers, {rounds} rounds (the first is a warm-up), {Environment.ProcessorCount} cores");
        switch (mode)
        {
            case "inprocess":
                await InProcessAsync(subscribers, rounds);
                return 0;
            case "sockets":
                await SocketsAsync(subscribers, rounds);
                return 0;
            default:
                Console.Error.WriteLine("usage: fanout inprocess|sockets [--subscribers N] [--rounds R]");
                return 2;
        }
    }

    private static async Task InProcessAsync(int count, int rounds)
    {
        using var host = new ShopHost();
        var services = host.AppServices;
        var executor = services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var bus = services.GetRequiredService<ITopicEventBus>();
        var json = ((GraphQLJsonSerializer)services.GetRequiredService<IGraphQLTextSerializer>()).Options;
        var request = new GraphQLRequest
        {
            Query = Query,
            Variables = new Inputs(new Dictionary<string, object?> { ["p"] = GlobalId.Encode("Product", ProductId) }),
        };
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        var before = FullGcHeap();
        var sinks = new List<Sink>(count);
        var held = new List<AsyncServiceScope>(count);
        var opening = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var scope = scopes.CreateAsyncScope();
            held.Add(scope);
            var result = await executor.ExecuteAsync(executor.Prepare(request), anonymous, scope.ServiceProvider, CancellationToken.None);
            var sink = new Sink(json);
            sink.Subscription = result.Streams!.Values.Single().Subscribe(sink);
            sinks.Add(sink);
        }

        opening.Stop();
        var after = FullGcHeap();
        Console.WriteLine($"opened in {opening.Elapsed.TotalMilliseconds:F0} ms; managed heap per idle subscriber: {(after - before) / (double)count / 1024:F1} KB ({(after - before) / 1024 / 1024} MB for {count})");

        for (var round = 1; round <= rounds; round++)
        {
            var all = new CountdownEvent(count);
            foreach (var sink in sinks)
            {
                sink.Arm(all);
            }

            var outboxEvent = new OutboxEvent(round, new ProductStockChanged(ProductId, 100 + round), DateTime.UtcNow);
            var start = Stopwatch.GetTimestamp();
            await bus.PublishAsync(ProductStockChanged.TopicFor(ProductId), outboxEvent);
            if (!await Task.Run(() => all.Wait(TimeSpan.FromSeconds(60))))
            {
                throw new TimeoutException($"round {round}: only {count - all.CurrentCount} of {count} subscribers received the event");
            }

            Report(round, sinks.Select(s => Stopwatch.GetElapsedTime(start, s.ReceivedAt)).ToList(), sinks[0].LastBytes);
            await Task.Delay(200);
        }

        foreach (var sink in sinks)
        {
            sink.Subscription?.Dispose();
        }

        foreach (var scope in held)
        {
            await scope.DisposeAsync();
        }
    }

    private static async Task SocketsAsync(int count, int rounds)
    {
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "graph-fanout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var server = StartServer(port, folder);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = baseUri };
            await WaitReadyAsync(http, server);
            var idle = Rss(server.Id);
            var clients = new Client[count];
            var opening = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(64))
            {
                await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        clients[i] = await Client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/graphql"));
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            opening.Stop();
            await Task.Delay(2000);
            var subscribed = Rss(server.Id);
            Console.WriteLine($"opened in {opening.Elapsed.TotalMilliseconds:F0} ms; server RSS {idle / 1024 / 1024} MB idle, {subscribed / 1024 / 1024} MB with {count} subscribers: {(subscribed - idle) / (double)count / 1024:F1} KB per subscriber");

            var token = await LogInAsync(http);
            for (var round = 1; round <= rounds; round++)
            {
                var all = new CountdownEvent(count);
                foreach (var client in clients)
                {
                    client.Arm(all);
                }

                var sent = Stopwatch.GetTimestamp();
                await RestockAsync(http, token);
                var committed = Stopwatch.GetTimestamp();
                if (!await Task.Run(() => all.Wait(TimeSpan.FromSeconds(60))))
                {
                    throw new TimeoutException($"round {round}: only {count - all.CurrentCount} of {count} clients received the event");
                }

                Report(round, clients.Select(c => Stopwatch.GetElapsedTime(sent, c.ReceivedAt)).ToList(), clients[0].LastBytes, $"mutation answered after {Stopwatch.GetElapsedTime(sent, committed).TotalMilliseconds:F1} ms; ");
                await Task.Delay(500);
            }

            Console.WriteLine($"server RSS after the rounds: {Rss(server.Id) / 1024 / 1024} MB");
            foreach (var client in clients)
            {
                client.Abort();
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            TryDelete(folder);
        }
    }

    private static void Report(int round, List<TimeSpan> latencies, int bytes, string prefix = "")
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}{(round == 1 ? " (warm-up)" : string.Empty)}: {prefix}p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms ({bytes} bytes per message)"));
    }

    private static long FullGcHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The shop as load.sh runs it: the Release build beside this one, Production, a fresh SQLite file.</summary>
    private static Process StartServer(int port, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Graph.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Shop"] = "Data Source=" + Path.Combine(folder, "shop.db");
        start.Environment["Seed__Demo"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // Every subscriber connects from 127.0.0.1: the per-address rate limit (on in Production)
        // would refuse the fan-out's own connections, which is not what this measures.
        start.Environment["RateLimiting__GraphQL__Enabled"] = "false";
        start.Environment["Auth__SigningKey"] = Environment.GetEnvironmentVariable("Auth__SigningKey") ?? "fan-out-benchmark-signing-key-0123456789abcdef";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server)
    {
        for (var i = 0; i < 300; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {server.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not become ready");
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    // Staff sign in with a second factor: on the fresh database of a run the demo STAFF user enrols
    // first (a code computed by Otp.NET from the new secret), as a person would.
    private static async Task<string> LogInAsync(HttpClient http)
    {
        using var body = await PostAsync(http, "mutation { logIn(input: { email: \"staff@shop.test\", password: \"Passw0rd!\" }) { token mfaEnrollmentRequired } }", null);
        var logIn = body.RootElement.GetProperty("data").GetProperty("logIn");
        var token = logIn.GetProperty("token").GetString()
            ?? throw new InvalidOperationException("The demo STAFF user has MFA already: run on a fresh database.");
        if (!logIn.GetProperty("mfaEnrollmentRequired").GetBoolean())
        {
            return token;
        }

        using var begun = await PostAsync(http, "mutation { beginMfaEnrollment { secret } }", token);
        var secret = OtpNet.Base32Encoding.ToBytes(begun.RootElement.GetProperty("data").GetProperty("beginMfaEnrollment").GetProperty("secret").GetString()!);
        var code = new OtpNet.Totp(secret).ComputeTotp(DateTime.UtcNow);
        using var confirmed = await PostAsync(http, $"mutation {{ confirmMfaEnrollment(input: {{ code: \"{code}\" }}) {{ token }} }}", token);
        return confirmed.RootElement.GetProperty("data").GetProperty("confirmMfaEnrollment").GetProperty("token").GetString()!;
    }

    private static async Task RestockAsync(HttpClient http, string token)
    {
        using var body = await PostAsync(http, $"mutation {{ restockProduct(input: {{ productId: \"{GlobalId.Encode("Product", ProductId)}\", quantity: 1 }}) {{ product {{ stock }} }} }}", token);
        if (body.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException("restockProduct failed: " + errors);
        }
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string query, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>An in-process subscriber: serializes each result as the transport would, then notes the time.</summary>
    private sealed class Sink(JsonSerializerOptions json) : IObserver<ExecutionResult>
    {
        private CountdownEvent? _all;

        public IDisposable? Subscription { get; set; }

        public long ReceivedAt { get; private set; }

        public int LastBytes { get; private set; }

        public void Arm(CountdownEvent all) => _all = all;

        public void OnNext(ExecutionResult value)
        {
            LastBytes = JsonSerializer.SerializeToUtf8Bytes(value, json).Length;
            ReceivedAt = Stopwatch.GetTimestamp();
            _all?.Signal();
        }

        public void OnError(Exception error) => Console.Error.WriteLine("subscriber failed: " + error.Message);

        public void OnCompleted()
        {
        }
    }

    /// <summary>A raw graphql-transport-ws client: connection_init, one subscription, then it only listens.</summary>
    private sealed class Client
    {
        private readonly ClientWebSocket _socket = new();
        private CountdownEvent? _all;

        public long ReceivedAt { get; private set; }

        public int LastBytes { get; private set; }

        public static async Task<Client> ConnectAsync(Uri uri)
        {
            var client = new Client();
            client._socket.Options.AddSubProtocol("graphql-transport-ws");
            client._socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await client._socket.ConnectAsync(uri, CancellationToken.None);
            await client.SendAsync("{\"type\":\"connection_init\"}");
            await client.ReceiveUntilAsync("connection_ack");
            var variables = JsonSerializer.Serialize(new { p = GlobalId.Encode("Product", ProductId) });
            await client.SendAsync($"{{\"id\":\"s\",\"type\":\"subscribe\",\"payload\":{{\"query\":{JsonSerializer.Serialize(Query)},\"variables\":{variables}}}}}");
            await client.SendAsync("{\"id\":\"b\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}");
            await client.ReceiveUntilAsync("complete");
            _ = client.ListenAsync();
            return client;
        }

        public void Arm(CountdownEvent all) => _all = all;

        public void Abort() => _socket.Abort();

        private Task SendAsync(string text) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task ReceiveUntilAsync(string type)
        {
            var buffer = new byte[4096];
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"closed {_socket.CloseStatus}: {_socket.CloseStatusDescription}");
                }

                if (Encoding.UTF8.GetString(buffer, 0, result.Count).Contains($"\"type\":\"{type}\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
        }

        private async Task ListenAsync()
        {
            var buffer = new byte[4096];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                    if (text.Contains("\"type\":\"next\"", StringComparison.Ordinal))
                    {
                        ReceivedAt = Stopwatch.GetTimestamp();
                        LastBytes = result.Count;
                        _all?.Signal();
                    }
                    else if (text.Contains("\"type\":\"ping\"", StringComparison.Ordinal))
                    {
                        await SendAsync("{\"type\":\"pong\"}");
                    }
                }
            }
            catch (WebSocketException)
            {
                // Aborted at the end of the run.
            }
        }
    }
}
