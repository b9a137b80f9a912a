using System.Net;
using System.Security.Claims;
using Graph.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Tests.Connections;

public sealed class ClientKeysTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void An_address_counts_as_itself_and_an_ipv6_one_by_its_64(string address, string key)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(key, ClientKeys.AddressOf(context));
    }

    [Fact]
    public void Only_a_signed_in_user_has_a_key()
    {
        Assert.Null(ClientKeys.UserOf(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Equal("42", ClientKeys.UserOf(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "42")], "Bearer"))));
        Assert.Equal("7", ClientKeys.UserOf(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "7"), new Claim("sub", "42")], "Bearer"))));
    }
}
