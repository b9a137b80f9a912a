using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Graph.Api.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies (nginx, a load balancer) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Every limit per client address
/// (request rate, sign-in attempts, WebSockets and SSE streams) reads the connection's remote
/// address: behind a proxy that is the proxy's, so without this every client would share one
/// allowance. Nothing is trusted unless listed: a header from anyone else is ignored, so a client
/// cannot choose its own address.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The proxies' addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>The proxies' networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is trusted at all.</summary>
    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>Registers and applies <see cref="TrustedProxiesOptions"/> with ASP.NET Core's forwarded-headers middleware.</summary>
public static class TrustedProxies
{
    /// <summary>Binds <c>ForwardedHeaders:*</c> into ASP.NET Core's <see cref="ForwardedHeadersOptions"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(TrustedProxiesOptions.SectionName).Get<TrustedProxiesOptions>() ?? new();
        services.AddSingleton(trusted);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>Reads the forwarded headers of trusted proxies, when any is configured; first in the pipeline.</summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<TrustedProxiesOptions>().Any ? app.UseForwardedHeaders() : app;
    }
}
