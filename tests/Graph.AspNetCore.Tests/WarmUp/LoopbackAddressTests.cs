using Graph.AspNetCore.WarmUp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.Tests.WarmUp;

/// <summary>Where the process reaches its own server: the first plain-HTTP address, on loopback.</summary>
public sealed class LoopbackAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5190", "http://127.0.0.1:5190/")]
    [InlineData("http://*:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://+:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:5000", "http://[::1]:5000/")]
    public void An_address_on_every_interface_is_reached_on_loopback(string listening, string expected)
    {
        Assert.Equal(new Uri(expected), LoopbackAddress.Of(new Listening(listening)));
    }

    [Fact]
    public void HTTPS_and_Unix_sockets_are_passed_over_for_the_first_plain_HTTP_address()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), LoopbackAddress.Of(new Listening("https://127.0.0.1:8443", "http://unix:/tmp/graph.sock", "http://127.0.0.1:8080")));
        Assert.Null(LoopbackAddress.Of(new Listening("https://127.0.0.1:8443", "http://unix:/tmp/graph.sock")));
        Assert.Null(LoopbackAddress.Of(new Listening()));
    }

    private sealed class Listening : IServer
    {
        public Listening(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
