using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;
using Graph.Api.Data;
using Graph.AspNetCore;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.WarmUp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Graph.Api.Hosting;

/// <summary>
/// What a recording run (<see cref="JitProfileOptions.Record"/>) runs after the warm-up: the signed-in
/// customer's page (<c>Me</c>, its cart and orders) as a demo customer, over the server's own HTTP
/// address. The warm-up is anonymous, and a profile without that path left it optimised without one:
/// measured, 20 % more CPU per <c>Me</c> request than with dynamic profile-guided optimisation.
/// </summary>
/// <remarks>
/// <para>It runs until the JIT has gone quiet: with the shop's call count of 300, a method on the path
/// is compiled instrumented after 300 calls and profiled there until 300 more; the background JIT
/// compiles hundreds of them at once, and the run must outlast that queue. A fixed 700 requests
/// (about a second) ended before it did: the profile held five times fewer records of the token
/// validation's methods than after a run to the quiet (1,000-5,000 requests).</para>
/// <para><see cref="Concurrency"/> requests at a time, as under load: awaits that complete
/// asynchronously and batched data loads take the paths they take in production.</para>
/// <para>Only on the recording run's throwaway demo database: signing in writes a session.</para>
/// </remarks>
public sealed class SignedInRecording(IServer server, TrustedDocuments documents, IOptions<GraphQLServerOptions> options)
{
    /// <summary>The fewest requests: past the call count twice (300 each) with room to spare.</summary>
    public const int MinRequests = 1_000;

    /// <summary>The most, should the JIT never go quiet (another process's noise).</summary>
    public const int MaxRequests = 20_000;

    /// <summary>Requests at a time.</summary>
    public const int Concurrency = 4;

    /// <summary>Requests per round; the JIT's share of a round's time decides whether to go on.</summary>
    private const int RoundRequests = 200;

    private const string Customer = "alice@shop.test";

    /// <summary>Signs the demo customer in and runs its page until the JIT is quiet; returns the requests run.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var address = LoopbackAddress.Of(server) ?? throw new InvalidOperationException("The recording run needs a plain-HTTP address to sign in over.");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var quietJitShare = options.Value.WarmUp.QuietJitShare; // the JIT's share at which the warm-up counts it quiet
        var me = Document("Me");
        var token = (await PostAsync(client, Document("LogIn"), new { email = Customer, password = DemoSeed.DemoPassword }, null, cancellationToken))["logIn"]?["token"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The recording run could not sign {Customer} in: is it on the demo database?");
        var requests = 0;
        var quiet = false;
        while (requests < MaxRequests && !(quiet && requests >= MinRequests))
        {
            var started = Stopwatch.GetTimestamp();
            var jitBefore = JitInfo.GetCompilationTime();
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RunMeAsync(client, me, token, RoundRequests / Concurrency, cancellationToken)));
            requests += RoundRequests;
            var jit = JitInfo.GetCompilationTime() - jitBefore;
            quiet = jit <= Stopwatch.GetElapsedTime(started) * quietJitShare;
        }

        return requests;
    }

    private static async Task RunMeAsync(HttpClient client, TrustedDocument me, string token, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            _ = await PostAsync(client, me, null, token, cancellationToken).ConfigureAwait(false);
        }
    }

    private TrustedDocument Document(string operation) => documents.All.Single(document => document.Name == operation);

    /// <summary>The answer's data; an answer without data, or with errors, throws with what it was.</summary>
    private static async Task<JsonNode> PostAsync(HttpClient client, TrustedDocument document, object? variables, string? token, CancellationToken cancellationToken)
    {
        var operation = document.Name;
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new { query = document.Body, operationName = operation, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var answer = response.IsSuccessStatusCode ? JsonNode.Parse(body) as JsonObject : null;
        return answer is not null && answer["errors"] is null && answer["data"] is { } data
            ? data
            : throw new InvalidOperationException($"{operation} was answered {(int)response.StatusCode} without data alone: {body[..Math.Min(body.Length, 300)]}");
    }
}
