using System.Net;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.PersistedOperations;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.PersistedOperations;

/// <summary>
/// Automatic persisted queries as Apollo's persisted query link speaks them (the default mode):
/// a hash alone is unknown until sent once with its document, which is checked against the hash
/// and stored only when it validates.
/// </summary>
public sealed class AutomaticPersistedQueryTests : IDisposable
{
    private const string Query = "query Categories { categories { name } }";

    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };
    private readonly HttpClient _client;

    public AutomaticPersistedQueryTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Unknown_hash_then_hash_with_document_then_hash_alone_runs_it()
    {
        var hash = PersistedOperationId.Of(Query);

        var unknown = await PostAsync(new { extensions = Apq(hash) });
        Assert.Equal([ErrorCodes.PersistedQueryNotFound], unknown.ErrorCodes);
        Assert.False(unknown.HasData);

        var registered = await PostAsync(new { query = Query, extensions = Apq(hash) });
        registered.AssertNoErrors();
        Assert.NotEmpty(registered.Data!["categories"]!.AsArray());

        var byHash = await PostAsync(new { extensions = Apq(hash) });
        byHash.AssertNoErrors();
        Assert.Equal(registered.Data!.ToJsonString(), byHash.Data!.ToJsonString());

        var overGet = await _client.SendRawAsync(HttpMethod.Get, "/graphql?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(Apq(hash))), null, null, "application/json");
        overGet.AssertNoErrors();
        Assert.Equal(registered.Data!.ToJsonString(), overGet.Data!.ToJsonString());
    }

    [Fact]
    public async Task A_hash_that_is_not_the_documents_is_refused_and_nothing_is_stored()
    {
        var otherHash = PersistedOperationId.Of("{ __typename }");

        var mismatch = await PostAsync(new { query = Query, extensions = Apq(otherHash) });
        Assert.Equal([ErrorCodes.PersistedQueryHashMismatch], mismatch.ErrorCodes);
        Assert.False(mismatch.HasData);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);

        var afterwards = await PostAsync(new { extensions = Apq(otherHash) });
        Assert.Equal([ErrorCodes.PersistedQueryNotFound], afterwards.ErrorCodes);
    }

    [Fact]
    public async Task A_document_that_does_not_validate_is_not_stored()
    {
        const string Invalid = "{ noSuchField }";
        var hash = PersistedOperationId.Of(Invalid);

        var first = await PostAsync(new { query = Invalid, extensions = Apq(hash) });
        Assert.False(first.HasData);
        Assert.NotNull(first.ErrorCodes.Single());

        var byHash = await PostAsync(new { extensions = Apq(hash) });
        Assert.Equal([ErrorCodes.PersistedQueryNotFound], byHash.ErrorCodes);
    }

    [Fact]
    public async Task Another_version_is_not_supported()
    {
        var response = await PostAsync(new { extensions = new { persistedQuery = new { version = 2, sha256Hash = PersistedOperationId.Of(Query) } } });

        Assert.Equal([ErrorCodes.PersistedQueryNotSupported], response.ErrorCodes);
    }

    [Fact]
    public async Task A_trusted_document_runs_by_id_without_being_registered()
    {
        var storefront = _factory.Services.GetRequiredService<TrustedDocuments>().All.Single(d => d.Name == "Storefront");

        var byExtension = await PostAsync(new { extensions = Apq(storefront.Id), variables = new { first = 2 } });
        var byDocumentId = await PostAsync(new { documentId = "sha256:" + storefront.Id, variables = new { first = 2 } });

        byExtension.AssertNoErrors();
        Assert.Equal(2, byExtension.Data!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal(byExtension.Data!.ToJsonString(), byDocumentId.Data!.ToJsonString());
    }

    [Fact]
    public async Task A_request_with_neither_document_nor_id_is_a_bad_request()
    {
        var response = await PostAsync(new { variables = new { first = 2 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([ErrorCodes.InvalidRequest], response.ErrorCodes);
    }

    private Task<GraphQLResponse> PostAsync(object body) =>
        _client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, JsonSerializer.Serialize(body), "application/json", "application/graphql-response+json");

    internal static object Apq(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };
}
