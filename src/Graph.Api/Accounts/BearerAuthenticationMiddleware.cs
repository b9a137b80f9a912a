using Microsoft.Net.Http.Headers;

namespace Graph.Api.Accounts;

/// <summary>Where the pipeline authenticates requests.</summary>
public static class BearerAuthenticationMiddleware
{
    /// <summary>
    /// Authenticates the requests that carry credentials. The shop's only credential travels in the
    /// <c>Authorization</c> header (a WebSocket's token in its <c>connection_init</c> is checked by the
    /// transport), so a request without one is anonymous whatever a handler would do: it skips
    /// creating and running the bearer handler, which most of a cached public page's requests would
    /// otherwise pay.
    /// </summary>
    public static IApplicationBuilder UseBearerAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(static context => context.Request.Headers.ContainsKey(HeaderNames.Authorization), branch => branch.UseAuthentication());
}
