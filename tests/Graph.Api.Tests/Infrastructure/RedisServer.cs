using System.Globalization;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>A private Redis server for one test (tests/scaleout/redis.sh), which the test may stop and start again on the same port.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        await ScaleoutScripts.InstallAsync();
        var server = new RedisServer(Directory.CreateTempSubdirectory("graph-redis-").FullName, ScaleoutScripts.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() =>
        ScaleoutScripts.RunAsync("redis.sh", ["start", _folder, Port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30));

    public Task StopAsync() => ScaleoutScripts.RunAsync("redis.sh", ["stop", _folder], TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
