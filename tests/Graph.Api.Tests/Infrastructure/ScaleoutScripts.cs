namespace Graph.Api.Tests.Infrastructure;

/// <summary>The scripts of <c>tests/scaleout</c>, which the tests run as they are (no copy of their logic).</summary>
public static class ScaleoutScripts
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "scaleout");

    /// <summary>Runs <c>bash tests/scaleout/NAME args…</c>; a non-zero exit is an exception with its output.</summary>
    public static async Task RunAsync(string name, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await ChildProcess.RunAsync("bash", [Path.Combine(Folder, name), .. args], Folder, timeout, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited with {result.ExitCode}: {result.Output}{result.Error}");
        }
    }

    /// <summary>Installs PostgreSQL, Redis and nginx when missing (a fresh CI machine).</summary>
    public static Task InstallAsync() => RunAsync("install.sh", [], TimeSpan.FromMinutes(8));

    /// <summary>A free loopback TCP port (bound and released: another process may take it, which the scripts would report).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
