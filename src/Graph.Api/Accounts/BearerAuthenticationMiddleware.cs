using Microsoft.Net.Http.Headers;

namespace Graph.Api.Accounts;

/// <summary>Where the pipeline authenticates requests.</summary>
public static class BearerAuthenticationMiddleware
{
    // The marks UseAuthentication and UseAuthorization leave on the builder they are called on.
    // WebApplication adds both middlewares in front of the whole pipeline unless the root builder
    // carries them, and a UseWhen branch's marks stay on the branch.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>
    /// Authenticates the requests that carry credentials, and only those. The shop's only credential
    /// travels in the <c>Authorization</c> header (a WebSocket's token in its <c>connection_init</c> is
    /// checked by the transport), so a request without one is anonymous whatever a handler would do:
    /// it skips creating and running the bearer handler, which most of a cached public page's requests
    /// would otherwise pay.
    /// </summary>
    /// <remarks>
    /// No endpoint carries ASP.NET Core authorization metadata (fields are authorized by the schema's
    /// <c>@authorize</c>), so the authorization middleware is not added either. An endpoint given such
    /// metadata later fails loudly at its first request (ASP.NET Core refuses to run it without the
    /// middleware) rather than going unprotected.
    /// </remarks>
    public static IApplicationBuilder UseBearerAuthentication(this IApplicationBuilder app)
    {
        app.UseWhen(static context => context.Request.Headers.ContainsKey(HeaderNames.Authorization), branch => branch.UseAuthentication());
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        app.Properties[AuthorizationMiddlewareSetKey] = true;
        return app;
    }
}
