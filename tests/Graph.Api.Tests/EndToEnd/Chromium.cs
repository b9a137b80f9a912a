using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium for the browser tests, installed by <c>tests/e2e/install-chromium.sh</c> when
/// missing (once per test run; CI machines are fresh). Playwright's own browser download cannot be
/// used: only the package registries are reachable.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly Lazy<Task> Install = new(InstallAsync);

    public static Task EnsureInstalledAsync() => File.Exists(Path) ? Task.CompletedTask : Install.Value;

    private static async Task InstallAsync() =>
        await ChildProcess.RunCheckedAsync("bash", [System.IO.Path.Combine(RepositoryPaths.EndToEnd, "install-chromium.sh")], RepositoryPaths.EndToEnd, TimeSpan.FromMinutes(10));
}
