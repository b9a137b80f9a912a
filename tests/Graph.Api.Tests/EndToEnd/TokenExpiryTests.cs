using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>A socket lives no longer than the token it was opened with.</summary>
public sealed class TokenExpiryTests : IDisposable
{
    private readonly KestrelShopServer _server = new(new ShopApiFactory { Settings = { ["Auth:TokenLifetime"] = "00:00:03" } });

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_socket_is_closed_4403_when_its_token_expires()
    {
        var result = await NodeJson.RunAsync("ws-client.mjs", _server.GraphQLEndpoint.ToString(), "expiry");

        Assert.Equal(4403, (int)result["closed"]!["code"]!);
        Assert.Equal("Forbidden: the token has expired", result["closed"]!["reason"]!.ToString());
        Assert.InRange((int)result["afterMs"]!, 1000, 10000);
    }
}
