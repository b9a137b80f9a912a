using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Connections;

/// <summary>The keys a <see cref="ConnectionLimiter"/> counts by: the client's address and the signed-in user.</summary>
internal static class ClientKeys
{
    /// <summary>
    /// The remote address (as the forwarded-headers middleware set it, when the app uses one). An
    /// IPv6 client counts by its /64, since one host is handed a whole /64 and could otherwise take a
    /// fresh address per connection; an IPv4-mapped address counts as the IPv4 one.
    /// </summary>
    public static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            // In-process hosts (TestServer) have no socket; they count as one client.
            return "local";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>The signed-in user's id (<c>NameIdentifier</c> or <c>sub</c>, else the name); null when anonymous.</summary>
    public static string? UserOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value ?? user.Identity.Name;
    }
}
