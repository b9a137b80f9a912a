using System.Diagnostics;
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

    private static async Task InstallAsync()
    {
        var start = new ProcessStartInfo("bash", [System.IO.Path.Combine(RepositoryPaths.EndToEnd, "install-chromium.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"install-chromium.sh exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
