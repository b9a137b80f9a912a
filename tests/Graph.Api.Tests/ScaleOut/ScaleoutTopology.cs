using System.Diagnostics;
using System.Globalization;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// The whole topology as tests/scaleout/up.sh starts it (real PostgreSQL, Redis, nginx and Graph.Api
/// processes), with the built server of this test run. Stopped with SIGTERM, as Ctrl-C would.
/// </summary>
public sealed class ScaleoutTopology : IAsyncDisposable
{
    private readonly Process _script;
    private readonly string _folder;
    private readonly Dictionary<string, string> _state;

    private ScaleoutTopology(Process script, string folder, Dictionary<string, string> state, string signingKey)
    {
        _script = script;
        _folder = folder;
        _state = state;
        SigningKey = signingKey;
    }

    public string SigningKey { get; }

    /// <summary>nginx's GraphQL endpoint.</summary>
    public Uri Url => new(_state["URL"]);

    public int[] InstancePorts => [.. _state["INSTANCE_PORTS"].Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture))];

    public Uri InstanceUrl(int index) => new($"http://127.0.0.1:{InstancePorts[index]}/graphql");

    public string RedisConnectionString => $"127.0.0.1:{_state["REDIS_PORT"]}";

    public string PostgresConnectionString => $"Host=127.0.0.1;Port={_state["POSTGRES_PORT"]};Username=postgres;Database=shop";

    public static async Task<ScaleoutTopology> StartAsync(int instances, params string[] settings)
    {
        await ScaleoutScripts.InstallAsync();
        var folder = Directory.CreateTempSubdirectory("graph-scaleout-").FullName;
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ScaleoutScripts.Folder,
            Environment = { ["GRAPH_DLL"] = ServerAssembly(), ["Auth__SigningKey"] = signingKey },
        };
        foreach (var arg in new[] { Path.Combine(ScaleoutScripts.Folder, "up.sh"), "--instances", instances.ToString(CultureInfo.InvariantCulture), "--dir", folder, "--" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var script = Process.Start(start) ?? throw new InvalidOperationException("up.sh did not start");
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            while (await script.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("Graph is up:", StringComparison.Ordinal))
                {
                    _ = script.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    var state = File.ReadAllLines(Path.Combine(folder, "topology.env"))
                        .Select(l => l.Split('=', 2))
                        .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
                    return new ScaleoutTopology(script, folder, state, signingKey);
                }
            }
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
        }

        await script.WaitForExitAsync(CancellationToken.None);
        throw new InvalidOperationException($"up.sh did not bring the topology up: {await errors}");
    }

    /// <summary>What an instance has logged so far (JSON lines).</summary>
    public string Log(int index) => File.ReadAllText(Path.Combine(_folder, $"instance-{index + 1}.log"));

    /// <summary>Kills an instance with SIGKILL: no shutdown, whatever it held is left as it was.</summary>
    public void Kill(int index)
    {
        var pid = int.Parse(_state["INSTANCE_PIDS"].Split(' ')[index], CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit(10_000);
    }

    public Task StopRedisAsync() => ScaleoutScripts.RunAsync("redis.sh", ["stop", _state["REDIS_DIR"]], TimeSpan.FromSeconds(30));

    public Task StartRedisAsync() => ScaleoutScripts.RunAsync("redis.sh", ["start", _state["REDIS_DIR"], _state["REDIS_PORT"]], TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        // SIGTERM: up.sh stops nginx, the instances, Redis and PostgreSQL itself.
        await ChildProcess.RunAsync("kill", ["-TERM", _script.Id.ToString(CultureInfo.InvariantCulture)], ScaleoutScripts.Folder, TimeSpan.FromSeconds(10));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static string ServerAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Graph.Api", "bin", configuration, testBin.Name, "Graph.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the server assembly is missing.", dll);
    }
}
