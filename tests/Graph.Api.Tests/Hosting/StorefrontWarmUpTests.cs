using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Graph.Api.Tests.ResponseCache;
using Graph.AspNetCore.PersistedOperations;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Hosting;

/// <summary>The shop's warm-up before a Production instance listens: its requests, and what they may not do.</summary>
public sealed class StorefrontWarmUpTests
{
    [Fact]
    public async Task The_server_warms_up_on_the_storefront_queries_before_it_is_ready()
    {
        var folder = Directory.CreateTempSubdirectory("graph-warm-up-").FullName;
        try
        {
            using var server = await ShopServerProcess.StartAsync(Path.Combine(folder, "shop.db"), TimeSpan.FromSeconds(90), new Dictionary<string, string>
            {
                // Development, for its X-Cache header; the warm-up and the rate limit are on by default
                // only outside it.
                ["GraphQL__WarmUp__Enabled"] = "true",
                ["RateLimiting__GraphQL__Enabled"] = "true",
                ["GraphQL__WarmUp__MinPasses"] = "3",
                ["GraphQL__WarmUp__QuietPeriod"] = "00:00:00",
                ["GraphQL__WarmUp__QuietPasses"] = "0",
                ["Logging__LogLevel__Graph.AspNetCore.WarmUp"] = "Information",

                // A request rate far below the warm-up's: it is not a client and is not counted as one.
                ["RateLimiting__GraphQL__PermitLimit"] = "2",
            });

            // Ready means the warm-up is over: each of its requests was answered with data.
            Assert.Contains("Warm-up: 4 requests", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Warm-up request", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("warm-up failed", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("over loopback", server.Output, StringComparison.Ordinal); // it came through the socket

            // The first client still has its whole allowance, and the warm-up left nothing in the
            // response cache: its answers were for nobody.
            using var client = server.CreateClient();
            string[] outcomes = ["MISS", "HIT"];
            foreach (var outcome in outcomes)
            {
                var read = await client.ReadAsync(CachedReads.Storefront, new { first = 12 });
                Assert.Equal(HttpStatusCode.OK, read.Response.Status);
                Assert.Equal(outcome, read.Cache);
            }
        }

        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_requests_are_the_storefronts_queries_with_variables_from_the_catalog()
    {
        using var factory = new ShopApiFactory();
        var documents = factory.Services.GetRequiredService<TrustedDocuments>();
        var source = ActivatorUtilities.CreateInstance<StorefrontWarmUpRequests>(factory.Services);

        var requests = await source.GetAsync(CancellationToken.None);

        Assert.Equal(["CategoryPage", "CheapInStock", "ProductPage", "Storefront"], requests.Select(request => request.Name).Order(StringComparer.Ordinal));
        foreach (var request in requests)
        {
            var body = JsonNode.Parse(request.Body)!;
            var document = Assert.Single(documents.All, document => document.Body == body["query"]!.GetValue<string>());
            Assert.Equal(OperationType.Query, document.Type); // the warm-up changes nothing
            Assert.Equal(request.Name, body["operationName"]!.GetValue<string>());
        }

        var product = JsonNode.Parse(requests.Single(request => request.Name == "ProductPage").Body)!["variables"]!["slug"]!.GetValue<string>();
        using var client = factory.CreateClient();
        using var answer = await client.PostAsJsonAsync("/graphql", new { query = $"{{ productBySlug(slug: \"{product}\") {{ reviewCount }} }}" });
        var reviews = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["data"]!["productBySlug"]!["reviewCount"]!.GetValue<int>();
        Assert.True(reviews > 0, "the product page warms its reviews and their authors");
    }
}
