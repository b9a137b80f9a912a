using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.PersistedOperations;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.PersistedOperations;

/// <summary>
/// A query fetched with GET by persisted id, anonymous and without errors, may be kept by browsers
/// and shared caches: <c>Cache-Control: public</c>, an <c>ETag</c>, and 304 for a matching
/// <c>If-None-Match</c>. Anything personal or failed is <c>private, no-store</c>.
/// </summary>
public sealed class PublicResultCachingTests : IDisposable
{
    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };
    private readonly HttpClient _client;
    private readonly TrustedDocuments _trusted;

    public PublicResultCachingTests()
    {
        _client = _factory.CreateClient();
        _trusted = _factory.Services.GetRequiredService<TrustedDocuments>();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Anonymous_get_by_id_is_public_with_an_etag_and_revalidates_to_304()
    {
        var url = StorefrontUrl(first: 3);

        using var first = await GetAsync(url);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.True(first.Headers.CacheControl?.NoCache);
        Assert.Contains("Authorization", first.Headers.Vary);
        Assert.Contains("Accept", first.Headers.Vary);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var again = await GetAsync(url);
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(body, await again.Content.ReadAsStringAsync());

        using var revalidated = await GetAsync(url, request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(etag, revalidated.Headers.ETag);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var weakly = await GetAsync(url, request => request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true)));
        Assert.Equal(HttpStatusCode.NotModified, weakly.StatusCode);

        using var otherVariables = await GetAsync(StorefrontUrl(first: 4), request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, otherVariables.StatusCode);
        Assert.NotEqual(etag, otherVariables.Headers.ETag);
    }

    [Fact]
    public async Task Max_age_is_configurable()
    {
        using var factory = new ShopApiFactory { EnvironmentName = "Production" };
        factory.Settings["GraphQL:PersistedOperations:MaxAge"] = "00:00:30";
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, StorefrontUrl(first: 1));

        using var response = await client.SendAsync(request);

        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task A_signed_in_request_is_never_public()
    {
        var token = await _client.LogInAsync(DemoAccounts.Alice);

        using var response = await GetAsync(StorefrontUrl(first: 3), request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_get_with_the_document_text_or_an_error_is_not_public()
    {
        var storefront = _trusted.All.Single(d => d.Name == "Storefront");
        using var withError = await GetAsync("/graphql?documentId=" + storefront.Id + "&variables=" + Uri.EscapeDataString("""{"first":-1}"""));
        using var unknown = await GetAsync("/graphql?documentId=" + PersistedOperationId.Of("{ nope }"));

        foreach (var response in new[] { withError, unknown })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, response.RequestMessage?.RequestUri?.ToString());
            Assert.Null(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task A_get_with_the_document_text_answered_by_the_response_cache_is_private_and_revalidates_to_304()
    {
        const string url = "/graphql?query=%7B%20categories%20%7B%20name%20%7D%20%7D";
        using var first = await GetAsync(url);
        await first.Content.ReadAsStringAsync();

        Assert.True(first.Headers.CacheControl?.Private);
        Assert.True(first.Headers.CacheControl?.NoCache);
        Assert.False(first.Headers.CacheControl?.NoStore);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var revalidated = await GetAsync(url, request => request.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(etag, revalidated.Headers.ETag);
    }

    private string StorefrontUrl(int first)
    {
        var storefront = _trusted.All.Single(d => d.Name == "Storefront");
        return "/graphql?documentId=sha256:" + storefront.Id + "&operationName=Storefront&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(new { first }));
    }

    private async Task<HttpResponseMessage> GetAsync(string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        configure?.Invoke(request);
        return await _client.SendAsync(request);
    }
}
