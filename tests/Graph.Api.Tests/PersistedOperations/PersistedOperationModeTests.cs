using System.Net;
using System.Text.Json;
using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Subscriptions;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.PersistedOperations;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.PersistedOperations;

/// <summary><c>GraphQL:PersistedOperations:Mode</c>: <c>Off</c> ignores ids, <c>TrustedOnly</c> runs nothing but the trusted documents.</summary>
public sealed class PersistedOperationModeTests
{
    private const string Query = "query Categories { categories { name } }";

    [Fact]
    public async Task Off_answers_a_hash_alone_not_supported_and_runs_a_document_sent_with_one()
    {
        using var factory = Factory("Off");
        using var client = factory.CreateClient();
        var hash = PersistedOperationId.Of(Query);

        var hashAlone = await PostAsync(client, new { extensions = AutomaticPersistedQueryTests.Apq(hash) });
        var withDocument = await PostAsync(client, new { query = Query, extensions = AutomaticPersistedQueryTests.Apq(hash) });
        var trustedById = await PostAsync(client, new { documentId = Storefront(factory).Id });

        Assert.Equal([ErrorCodes.PersistedQueryNotSupported], hashAlone.ErrorCodes);
        withDocument.AssertNoErrors();
        Assert.Equal([ErrorCodes.PersistedQueryNotSupported], trustedById.ErrorCodes);
    }

    [Fact]
    public async Task Trusted_only_runs_trusted_documents_by_id_or_exact_text_and_refuses_the_rest()
    {
        using var factory = Factory("TrustedOnly");
        using var client = factory.CreateClient();
        var storefront = Storefront(factory);

        var byId = await PostAsync(client, new { documentId = "sha256:" + storefront.Id, variables = new { first = 1 } });
        var byText = await PostAsync(client, new { query = storefront.Body, operationName = "Storefront", variables = new { first = 1 } });
        var other = await PostAsync(client, new { query = Query });
        var otherWithHash = await PostAsync(client, new { query = Query, extensions = AutomaticPersistedQueryTests.Apq(PersistedOperationId.Of(Query)) });
        var unknownId = await PostAsync(client, new { extensions = AutomaticPersistedQueryTests.Apq(PersistedOperationId.Of(Query)) });
        var hostile = await PostAsync(client, new { query = "{ products(first: 50) { nodes { category { products(first: 50) { nodes { name } } } } } }" });

        byId.AssertNoErrors();
        Assert.Single(byId.Data!["products"]!["nodes"]!.AsArray());
        Assert.Equal(byId.Data!.ToJsonString(), byText.Data!.ToJsonString());
        Assert.Equal([ErrorCodes.PersistedQueryNotAllowed], other.ErrorCodes);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.False(other.HasData);
        Assert.Equal([ErrorCodes.PersistedQueryNotAllowed], otherWithHash.ErrorCodes);
        Assert.Equal([ErrorCodes.PersistedQueryNotFound], unknownId.ErrorCodes);
        Assert.Equal([ErrorCodes.PersistedQueryNotAllowed], hostile.ErrorCodes);
    }

    [Fact]
    public void Trusted_only_is_enforced_where_every_transport_prepares_its_requests()
    {
        using var factory = Factory("TrustedOnly");
        var executor = factory.Services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();

        var refused = executor.Prepare(new GraphQL.Transport.GraphQLRequest { Query = "subscription { productStockChanged(productId: \"x\") { id } }" });
        var allowed = executor.Prepare(new GraphQL.Transport.GraphQLRequest { DocumentId = Storefront(factory).Id });

        Assert.Equal(ErrorCodes.PersistedQueryNotAllowed, refused.Error?.Code);
        Assert.Null(allowed.Error);
        Assert.Equal("Storefront", allowed.Operation?.Name?.StringValue);
    }

    [Fact]
    public async Task Trusted_only_runs_a_document_by_id_over_the_websocket_and_refuses_text()
    {
        using var factory = Factory("TrustedOnly");
        await using var socket = await TransportWsTestClient.ConnectAsync(factory);

        await socket.SendAsync(new { id = "byId", type = "subscribe", payload = new { documentId = "sha256:" + Storefront(factory).Id, variables = new { first = 2 } } });
        var next = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));
        await socket.SendAsync(new { id = "text", type = "subscribe", payload = new { query = "{ categories { name } }" } });
        var refused = await ReceiveForAsync(socket, "text");

        Assert.Equal("next", next?["type"]?.ToString());
        Assert.Equal(2, next!["payload"]!["data"]!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal("error", refused?["type"]?.ToString());
        Assert.Equal(ErrorCodes.PersistedQueryNotAllowed, refused!["payload"]![0]!["extensions"]!["code"]!.ToString());
    }

    [Fact]
    public void Every_trusted_document_is_found_by_id_and_parses()
    {
        using var factory = Factory("TrustedOnly");
        var executor = factory.Services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();
        var documents = factory.Services.GetRequiredService<TrustedDocuments>().All;

        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var prepared = executor.Prepare(new GraphQL.Transport.GraphQLRequest { DocumentId = document.Id });
            Assert.Null(prepared.Error);
            Assert.Equal(document.Name, prepared.Operation?.Name?.StringValue);
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> ReceiveForAsync(GraphQLWebSocketClient socket, string id)
    {
        while (await socket.ReceiveAsync(TimeSpan.FromSeconds(10)) is { } message)
        {
            if (message["id"]?.ToString() == id)
            {
                return message;
            }
        }

        return null;
    }

    private static ShopApiFactory Factory(string mode)
    {
        var factory = new ShopApiFactory { EnvironmentName = "Production" };
        factory.Settings["GraphQL:PersistedOperations:Mode"] = mode;
        return factory;
    }

    private static TrustedDocument Storefront(ShopApiFactory factory) =>
        factory.Services.GetRequiredService<TrustedDocuments>().All.Single(d => d.Name == "Storefront");

    private static Task<GraphQLResponse> PostAsync(HttpClient client, object body) =>
        client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(body), "application/json", "application/graphql-response+json");
}
