using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// Banana Cake Pop in headless Chromium against the real server on a real socket
/// (<c>tests/e2e/ide.mjs</c>, driven by playwright-core). The screenshot is kept in
/// <c>tests/e2e/artifacts/</c>.
/// </summary>
public sealed class BananaCakePopTests(ITestOutputHelper output) : IDisposable
{
    private readonly KestrelShopServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task The_IDE_opens_at_graphql_runs_a_storefront_query_and_shows_the_products()
    {
        await Chromium.EnsureInstalledAsync();
        var artifacts = Path.Combine(RepositoryPaths.EndToEnd, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "ide.png");

        var text = await NodeTooling.RunScriptAsync("ide.mjs", _server.BaseAddress.ToString(), screenshot);
        output.WriteLine(text);
        var result = JsonNode.Parse(text.Trim().Split('\n')[^1])!;

        Assert.EndsWith("/graphql/", result["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result["query"]!["ok"]!.GetValue<bool>());
        var shown = result["query"]!["shows"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains(shown, s => s.StartsWith("\"name\": \"Classic ", StringComparison.Ordinal));
        Assert.True(shown.Count >= 3, text);
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // The subscription step runs as soon as the schema has productStockChanged; until then it is
        // reported as pending, never faked.
        var subscription = result["subscription"]!;
        if (subscription["pending"] is { } pending)
        {
            output.WriteLine("subscription step pending: " + pending.GetValue<string>());
        }
        else
        {
            Assert.True(subscription["ok"]!.GetValue<bool>());
            Assert.Contains(subscription["sockets"]!.AsArray(), s => s!.GetValue<string>().StartsWith("ws://", StringComparison.Ordinal));
        }
    }
}
