using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.Hosting;

/// <summary>The JIT profile: what the server says about it at start, and the run that records it.</summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graph-jit-profile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Nothing_is_said_without_a_profile_or_its_settings()
    {
        Assert.Null(JitProfile.Check(Environment([]), _folder, recording: false));
    }

    [Fact]
    public void A_profile_beside_the_server_that_is_not_read_is_a_warning_with_the_settings_to_read_it()
    {
        var beside = Path.Combine(_folder, JitProfile.FileName);
        File.WriteAllText(beside, "*** START PGO Data, max index = 0 ***\n");

        var status = JitProfile.Check(Environment([]), _folder, recording: false)!;

        Assert.Equal(LogLevel.Warning, status.Level);
        Assert.Contains($"DOTNET_TieredPGO=0 DOTNET_ReadPGOData=1 DOTNET_PGODataPath={beside}", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_that_is_read_is_information()
    {
        var profile = Path.Combine(_folder, "elsewhere.txt");
        File.WriteAllText(profile, "*** START PGO Data, max index = 0 ***\n");

        var status = JitProfile.Check(Environment(["DOTNET_TieredPGO=0", "DOTNET_ReadPGOData=1", $"DOTNET_PGODataPath={profile}"]), _folder, recording: false)!;

        Assert.Equal(LogLevel.Information, status.Level);
        Assert.Equal($"JIT profile: {profile}", status.Message);
    }

    [Theory]
    [InlineData("DOTNET_ReadPGOData=1", "DOTNET_PGODataPath={profile}")] // dynamic PGO on: the runtime skips the file
    [InlineData("DOTNET_TieredPGO=0", "DOTNET_ReadPGOData=1", "DOTNET_PGODataPath={folder}/missing.txt")]
    [InlineData("DOTNET_TieredPGO=0", "DOTNET_ReadPGOData=1")]
    [InlineData("DOTNET_TieredPGO=0")] // no profile and no dynamic PGO: the slowest code of all
    public void Settings_that_leave_the_JIT_without_any_profile_are_a_warning(params string[] settings)
    {
        var profile = Path.Combine(_folder, "profile.txt");
        File.WriteAllText(profile, "*** START PGO Data, max index = 0 ***\n");
        string[] resolved = [.. settings.Select(setting => setting.Replace("{profile}", profile, StringComparison.Ordinal).Replace("{folder}", _folder, StringComparison.Ordinal))];

        var status = JitProfile.Check(Environment(resolved), _folder, recording: false)!;

        Assert.Equal(LogLevel.Warning, status.Level);
    }

    [Fact]
    public void Recording_without_the_runtimes_settings_is_a_warning()
    {
        Assert.Equal(LogLevel.Warning, JitProfile.Check(Environment([]), _folder, recording: true)!.Level);
        Assert.Equal(LogLevel.Warning, JitProfile.Check(Environment(["DOTNET_TieredPGO=0", "DOTNET_WritePGOData=1", "DOTNET_PGODataPath=/tmp/p.txt"]), _folder, recording: true)!.Level);
        Assert.Equal(LogLevel.Information, JitProfile.Check(Environment(["DOTNET_WritePGOData=1", "DOTNET_PGODataPath=/tmp/p.txt"]), _folder, recording: true)!.Level);
    }

    [Fact]
    public async Task The_recording_run_stops_once_warm_and_a_server_started_with_its_profile_serves()
    {
        // What a Release publish does (Graph.Api.csproj, target RecordJitProfile), on the test build.
        var profile = Path.Combine(_folder, JitProfile.FileName);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var dll = ShopServerProcess.ServerAssembly();
        var run = await ChildProcess.RunAsync("dotnet", [dll, "--urls", "http://127.0.0.1:0"], Path.GetDirectoryName(dll)!, TimeSpan.FromSeconds(120), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Shop"] = $"Data Source={Path.Combine(_folder, "record.db")}",
            ["Seed__Demo"] = "true",
            ["Auth__SigningKey"] = key,
            ["JitProfile__Record"] = "true",
            ["RateLimiting__GraphQL__Enabled"] = "false", // as the publish's recording run (Graph.Api.csproj)
            ["GraphQL__WarmUp__MaxDuration"] = "00:00:20",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Graph.AspNetCore.WarmUp"] = "Information",
            ["Logging__LogLevel__Graph.Api.Hosting"] = "Information",
            ["DOTNET_TieredPGO"] = "1",
            ["DOTNET_WritePGOData"] = "1",
            ["DOTNET_PGODataPath"] = profile,
        });
        var output = run.Output + run.Error;

        Assert.True(run.ExitCode == 0, output);
        Assert.Contains("Recording the JIT profile", output, StringComparison.Ordinal);
        Assert.Contains("Warm-up: 4 requests", output, StringComparison.Ordinal);
        var signedIn = Regex.Match(output, @"Recorded the signed-in page \(Me\) too: (\d+) requests");
        Assert.True(signedIn.Success, output);
        Assert.InRange(int.Parse(signedIn.Groups[1].Value, CultureInfo.InvariantCulture), SignedInRecording.MinRequests, SignedInRecording.MaxRequests);
        var text = await File.ReadAllTextAsync(profile);
        Assert.StartsWith("*** START PGO Data", text, StringComparison.Ordinal);
        // The request path was profiled: the engine's execution (the test build's own code is a Debug
        // build, which the JIT never instruments).
        Assert.Contains("MethodName: GraphQL.Execution.", text, StringComparison.Ordinal);

        using var server = await ShopServerProcess.StartAsync(Path.Combine(_folder, "serve.db"), TimeSpan.FromSeconds(90), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__SigningKey"] = key,
            ["Logging__LogLevel__Graph.Api.Hosting"] = "Information",
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_ReadPGOData"] = "1",
            ["DOTNET_PGODataPath"] = profile,
        });
        Assert.Contains($"JIT profile: {profile}", server.Output, StringComparison.Ordinal);
        using var client = server.CreateClient();
        using var answer = await client.PostAsync("/graphql", new StringContent("""{"query":"{ products(first: 2) { nodes { name } } }"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, body);
        Assert.Contains("\"nodes\":[{\"name\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Release_publish_for_this_machine_records_the_profile_beside_the_server()
    {
        var output = Path.Combine(_folder, "publish");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var publish = await ChildProcess.RunAsync(
            "dotnet",
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "Graph.Api"), "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output, "--nologo", "-p:SkipGraphQLIde=true"],
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(8));

        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        var text = await File.ReadAllTextAsync(Path.Combine(output, JitProfile.FileName));
        Assert.StartsWith("*** START PGO Data", text, StringComparison.Ordinal);
        Assert.Contains("MethodName: Graph.Api.", text, StringComparison.Ordinal); // the shop's own code, a Release build
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "src", "Graph.Api", "obj", "Release", "net10.0", rid, "jit-profile")), "the throwaway database is gone");
    }

    private static Func<string, string?> Environment(string[] settings)
    {
        var values = settings.Select(setting => setting.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
