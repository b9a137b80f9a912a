using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Graph.Api.Hosting;

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
