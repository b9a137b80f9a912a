using System.Net;
using System.Text;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Hygiene;

/// <summary>
/// Behind a trusted reverse proxy each client has its own allowance (X-Forwarded-For is read); from
/// anyone else the header is ignored, so a client cannot pick a fresh address per request.
/// </summary>
public sealed class TrustedProxyTests : IDisposable
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.9.0.1");
    private static readonly IPAddress Stranger = IPAddress.Parse("10.9.0.2");
    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };

    public TrustedProxyTests()
    {
        _factory.Settings["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString();
        _factory.Settings["RateLimiting:GraphQL:PermitLimit"] = "2";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Through_a_trusted_proxy_each_client_has_its_own_allowance()
    {
        Assert.Equal(200, await SendAsync(Proxy, "203.0.113.7"));
        Assert.Equal(200, await SendAsync(Proxy, "203.0.113.7"));
        Assert.Equal(429, await SendAsync(Proxy, "203.0.113.7"));

        Assert.Equal(200, await SendAsync(Proxy, "203.0.113.8"));
    }

    [Fact]
    public async Task From_anyone_else_the_forwarded_address_is_ignored()
    {
        Assert.Equal(200, await SendAsync(Stranger, "203.0.113.1"));
        Assert.Equal(200, await SendAsync(Stranger, "203.0.113.2"));

        Assert.Equal(429, await SendAsync(Stranger, "203.0.113.3"));
    }

    private async Task<int> SendAsync(IPAddress from, string forwardedFor)
    {
        var body = Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}""");
        var context = await _factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = from;
            http.Request.Method = "POST";
            http.Request.Path = GraphQLHttp.Path;
            http.Request.ContentType = "application/json";
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            http.Request.Body = new MemoryStream(body);
        });
        return context.Response.StatusCode;
    }
}
