using System.Net.Http.Headers;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// Only requests that carry an <c>Authorization</c> header are authenticated: an anonymous request
/// never reaches an authentication handler (WebApplication would otherwise put authentication in front
/// of every request), and a signed-in one still is who its token says.
/// </summary>
public sealed class BearerAuthenticationTests : IDisposable
{
    private readonly CountingHandlerProvider.Counter _handlers = new();
    private readonly ShopApiFactory _factory;

    public BearerAuthenticationTests()
    {
        _factory = new ShopApiFactory
        {
            TestServices = services => services.AddScoped<IAuthenticationHandlerProvider>(sp =>
                new CountingHandlerProvider(new AuthenticationHandlerProvider(sp.GetRequiredService<IAuthenticationSchemeProvider>()), _handlers)),
        };
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_request_without_credentials_runs_no_authentication_handler()
    {
        using var client = _factory.CreateClient();
        _handlers.Reset();

        var response = await client.PostAsync("{ me { id } categories { name } }");

        Assert.Null(response.Data?["me"]);
        Assert.NotEmpty(response.Data!["categories"]!.AsArray());
        Assert.Equal(0, _handlers.Asked);
    }

    [Fact]
    public async Task A_request_with_a_token_is_authenticated()
    {
        using var client = _factory.CreateClient();
        var token = await client.LogInAsync(DemoAccounts.Alice);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _handlers.Reset();

        var response = await client.PostAsync("{ me { email } }");

        Assert.Equal(DemoAccounts.Alice, response.Data?["me"]?["email"]?.GetValue<string>());
        Assert.True(_handlers.Asked > 0);
    }

    private sealed class CountingHandlerProvider(IAuthenticationHandlerProvider inner, CountingHandlerProvider.Counter counter) : IAuthenticationHandlerProvider
    {
        public Task<IAuthenticationHandler?> GetHandlerAsync(Microsoft.AspNetCore.Http.HttpContext context, string authenticationScheme)
        {
            counter.Add();
            return inner.GetHandlerAsync(context, authenticationScheme);
        }

        public sealed class Counter
        {
            private int _asked;

            public int Asked => Volatile.Read(ref _asked);

            public void Add() => Interlocked.Increment(ref _asked);

            public void Reset() => Interlocked.Exchange(ref _asked, 0);
        }
    }
}
