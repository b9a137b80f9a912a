using System.Text.Json.Nodes;
using Graph.Api.Data;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.WarmUp;
using Microsoft.AspNetCore.Hosting.Server;

namespace Graph.Api.Hosting;

/// <summary>
/// What a recording run (<see cref="JitProfileOptions.Record"/>) runs after the warm-up: the signed-in
/// customer's page (<c>Me</c>, its cart and orders) as a demo customer, over the server's own HTTP
/// address. The warm-up is anonymous, and a profile without that path left it optimised without one:
/// measured, 20 % more CPU per <c>Me</c> request than with dynamic profile-guided optimisation.
/// </summary>
/// <remarks>
/// <see cref="Passes"/> requests bring each method on the path past its call count twice (the
/// instrumented code, then enough calls there to be profiled) with the shop's call count of 300.
/// Only on the recording run's throwaway demo database: signing in writes a session.
/// </remarks>
public sealed class SignedInRecording(IServer server, TrustedDocuments documents)
{
    public const int Passes = 700;

    private const string Customer = "alice@shop.test";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var address = LoopbackAddress.Of(server) ?? throw new InvalidOperationException("The recording run needs a plain-HTTP address to sign in over.");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var token = (await PostAsync(client, "LogIn", new { email = Customer, password = DemoSeed.DemoPassword }, null, cancellationToken))?["logIn"]?["token"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The recording run could not sign {Customer} in: is it on the demo database?");
        for (var pass = 0; pass < Passes; pass++)
        {
            _ = await PostAsync(client, "Me", null, token, cancellationToken)
                ?? throw new InvalidOperationException("Me was not answered with data.");
        }
    }

    private async Task<JsonNode?> PostAsync(HttpClient client, string operation, object? variables, string? token, CancellationToken cancellationToken)
    {
        var document = documents.All.Single(document => document.Name == operation);
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = JsonContent.Create(new { query = document.Body, operationName = operation, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
        return body?["errors"] is null ? body?["data"] : null;
    }
}
