using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Connections;

/// <summary>The keys a <see cref="ConnectionLimiter"/> counts by: the client's address and the signed-in user.</summary>
public static class ClientKeys
{
    /// <summary>The key of the request's remote address (see <see cref="AddressOf(IPAddress?)"/>).</summary>
    public static string AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AddressOf(context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// The key of a client address (as the forwarded-headers middleware set it, when the app uses
    /// one). An IPv6 client counts by its /64, since one host is handed a whole /64 and could
    /// otherwise take a fresh address per connection or request; an IPv4-mapped address counts as the
    /// IPv4 one. Every limit per client (connections, request rate) counts by this key.
    /// </summary>
    public static string AddressOf(IPAddress? address)
    {
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
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value ?? user.Identity.Name;
    }
}
