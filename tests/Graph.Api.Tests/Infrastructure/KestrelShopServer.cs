using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>The real application on a real Kestrel socket, for clients that run out of process.</summary>
public sealed class KestrelShopServer : IDisposable
{
    private readonly ShopApiFactory _factory;

    public KestrelShopServer(ShopApiFactory? factory = null)
    {
        _factory = factory ?? new ShopApiFactory();
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri BaseAddress { get; }

    public Uri GraphQLEndpoint => new(BaseAddress, "/graphql");

    public IServiceProvider Services => _factory.Services;

    public void Dispose() => _factory.Dispose();
}
