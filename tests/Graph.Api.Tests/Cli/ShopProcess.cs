using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Cli;

/// <summary>Runs the built Graph.Api executable (copied beside the tests) as a separate process.</summary>
public static class ShopProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunInAsync(AppContext.BaseDirectory, "Development", args);

    /// <summary>Runs the command line in <paramref name="environment"/> with <paramref name="workingDirectory"/> as the current directory.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunInAsync(string workingDirectory, string environment, params string[] args)
    {
        var result = await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Graph.Api.dll"), .. args],
            workingDirectory,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["DOTNET_ENVIRONMENT"] = environment });
        return (result.ExitCode, result.Output, result.Error);
    }
}
