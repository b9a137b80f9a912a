using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// Runs the real JavaScript clients in <c>tests/e2e</c>. The npm packages are installed by the
/// tests themselves (<c>npm ci</c> from the committed lock file), once per test run.
/// </summary>
public static class NodeTooling
{
    private static readonly Lazy<Task> Install = new(() => RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5)));

    public static Task EnsureInstalledAsync() =>
        File.Exists(Path.Combine(RepositoryPaths.EndToEnd, "node_modules", ".package-lock.json")) && !IsCi()
            ? Task.CompletedTask
            : Install.Value;

    /// <summary>Runs <c>node script args</c> in tests/e2e and returns its standard output.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] args)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", [script, .. args], TimeSpan.FromMinutes(2));
    }

    private static bool IsCi() => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static Task<string> RunAsync(string fileName, string[] args, TimeSpan timeout) =>
        ChildProcess.RunCheckedAsync(fileName, args, RepositoryPaths.EndToEnd, timeout);
}
