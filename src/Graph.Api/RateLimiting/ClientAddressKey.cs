using System.Net;
using System.Net.Sockets;

namespace Graph.Api.RateLimiting;

/// <summary>
/// The partition key of a client: its IPv4 address, or the /64 network of an IPv6 address (one
/// subscriber usually holds a whole /64 and could otherwise take a fresh address per request).
/// </summary>
public static class ClientAddressKey
{
    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
