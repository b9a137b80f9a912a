using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Subscriptions;

/// <summary>Opens the shared WebSocket client (graphql-transport-ws) on a shop's in-memory test server.</summary>
public static class TransportWsTestClient
{
    /// <summary>Connects and initialises, with <paramref name="token"/> as the bearer token when one is given.</summary>
    public static Task<GraphQLWebSocketClient> ConnectAsync(ShopApiFactory factory, string? token = null) =>
        GraphQLWebSocketClient.ConnectAsync(factory.Server, token: token);
}
