using System.Diagnostics;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Runs a program to completion for a test (npm, node, bash, the server's command line), capturing
/// its output. Bounded in time: past the timeout the whole process tree is killed.
/// </summary>
public static class ChildProcess
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} took longer than {timeout}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the program and returns its standard output; a non-zero exit is an exception.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var result = await RunAsync(fileName, args, workingDirectory, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited with {result.ExitCode}: {result.Output}{result.Error}");
        }

        return result.Output;
    }
}

/// <summary>How a child process ended, and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);
