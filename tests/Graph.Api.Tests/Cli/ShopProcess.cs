using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Cli;

/// <summary>Runs the built Graph.Api executable (copied beside the tests) as a separate process.</summary>
public static class ShopProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var result = await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Graph.Api.dll"), .. args],
            AppContext.BaseDirectory,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" });
        return (result.ExitCode, result.Output, result.Error);
    }
}
