using System.Net;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Hygiene;

/// <summary>
/// Requests to the GraphQL endpoint are limited per client address outside Development: past the
/// limit, 429 with Retry-After and a GraphQL error with code RATE_LIMITED; other addresses go on.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Neighbour = IPAddress.Parse("203.0.113.8");

    [Fact]
    public async Task Past_the_limit_an_address_gets_429_with_retry_after_and_rate_limited()
    {
        using var factory = new ShopApiFactory { EnvironmentName = "Production", Settings = { ["RateLimiting:GraphQL:PermitLimit"] = "3" } };

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await factory.PostFromAsync(Flooder, "{ __typename }")).Status);
        }

        var (status, headers, refused) = await factory.PostFromAsync(Flooder, "{ __typename }");
        var neighbour = await factory.PostFromAsync(Neighbour, "{ __typename }");

        Assert.Equal([200, 200, 200], statuses);
        Assert.Equal(429, status);
        Assert.True(int.Parse(headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
        Assert.False(refused.HasData);
        Assert.False(string.IsNullOrEmpty(refused.Errors![0]!["message"]!.GetValue<string>()));
        Assert.Equal(200, neighbour.Status);
    }

    [Fact]
    public async Task The_limit_is_off_in_development_by_default()
    {
        using var factory = new ShopApiFactory { Settings = { ["RateLimiting:GraphQL:PermitLimit"] = "3" } };

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await factory.PostFromAsync(Flooder, "{ __typename }")).Status);
        }

        Assert.All(statuses, s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task The_limit_can_be_turned_off_and_on_explicitly()
    {
        using var off = new ShopApiFactory { EnvironmentName = "Production", Settings = { ["RateLimiting:GraphQL:PermitLimit"] = "3", ["RateLimiting:GraphQL:Enabled"] = "false" } };
        using var on = new ShopApiFactory { Settings = { ["RateLimiting:GraphQL:PermitLimit"] = "3", ["RateLimiting:GraphQL:Enabled"] = "true" } };

        var offStatuses = new List<int>();
        var onStatuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            offStatuses.Add((await off.PostFromAsync(Flooder, "{ __typename }")).Status);
            onStatuses.Add((await on.PostFromAsync(Flooder, "{ __typename }")).Status);
        }

        Assert.All(offStatuses, s => Assert.Equal(200, s));
        Assert.Equal([200, 200, 200, 429, 429], onStatuses);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Clients_are_keyed_by_ipv4_address_or_ipv6_network(string address, string key)
    {
        Assert.Equal(key, Graph.AspNetCore.Connections.ClientKeys.AddressOf(IPAddress.Parse(address)));
    }
}
