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
