using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Graph.Api.Accounts;
using Graph.Api.Accounts.Sessions;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// What revocable tokens cost per request: <c>{ __typename }</c> through <c>UseAuthentication</c> and
/// the GraphQL middleware as Program has them, anonymous (no token: no stamp lookup at all) and with
/// a bearer token (signature, lifetime, then the user's security stamp from the per-user cache, warm
/// as it is for any user active in the last few seconds); and the stamp check alone.
/// </summary>
[MemoryDiagnoser]
public class RevocationBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"}");

    private ShopHost? _host;
    private IServiceScopeFactory _scopes = null!;
    private RequestDelegate _pipeline = null!;
    private SecurityStampCheck _check = null!;
    private ClaimsPrincipal _principal = null!;
    private string _authorization = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        var services = _host.AppServices;
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _pipeline = new ApplicationBuilder(services)
            .UseAuthentication()
            .UseMiddleware<GraphQLHttpMiddleware<ShopSchema>>()
            .Build();
        using var db = services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();
        var alice = db.Users.AsNoTracking().Single(u => u.Email == "alice@shop.test");
        _principal = ShopClaims.PrincipalFor(alice, secondFactor: false);
        _authorization = "Bearer " + services.GetRequiredService<TokenService>().Issue(_principal);
        _check = services.GetRequiredService<SecurityStampCheck>();
        SendAsync(_authorization).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "anonymous")]
    public Task Anonymous() => SendAsync(null);

    [Benchmark(Description = "bearer token, stamp checked")]
    public Task Bearer() => SendAsync(_authorization);

    [Benchmark(Description = "stamp check alone (cache hit)")]
    public async Task<bool> StampCheck() => await _check.IsCurrentAsync(_principal, CancellationToken.None);

    private async Task SendAsync(string? authorization)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var request = context.Request;
            request.Method = HttpMethods.Post;
            request.Path = "/graphql";
            request.ContentType = "application/json";
            request.ContentLength = Body.Length;
            request.Body = new MemoryStream(Body, writable: false);
            if (authorization is not null)
            {
                request.Headers.Authorization = authorization;
            }

            context.Response.Body = Stream.Null;
            await _pipeline(context).ConfigureAwait(false);
            if (context.Response.StatusCode != StatusCodes.Status200OK || (authorization is not null && context.User.Identity?.IsAuthenticated != true))
            {
                throw new InvalidOperationException($"HTTP {context.Response.StatusCode}, authenticated: {context.User.Identity?.IsAuthenticated}");
            }
        }
    }
}
