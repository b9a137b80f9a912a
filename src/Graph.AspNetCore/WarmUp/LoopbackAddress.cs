using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.WarmUp;

/// <summary>Where a process reaches its own server over loopback, to send it requests as a client would.</summary>
public static class LoopbackAddress
{
    /// <summary>
    /// The first plain-HTTP address <paramref name="server"/> listens on, as a base URI reachable from
    /// this machine (an address on every interface becomes the loopback one); null when it has none (a
    /// test server, HTTPS or a Unix socket only, or before it has started).
    /// </summary>
    public static Uri? Of(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsUnixPipe || !string.Equals(binding.Scheme, "http", StringComparison.OrdinalIgnoreCase) || binding.Port <= 0)
            {
                continue;
            }

            var host = binding.Host switch
            {
                "*" or "+" or "0.0.0.0" or "localhost" => "127.0.0.1", // every interface: loopback is one of them
                "[::]" or "::" => "[::1]",
                var named => named,
            };
            return new Uri($"http://{host}:{binding.Port}/");
        }

        return null;
    }
}
