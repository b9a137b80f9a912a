namespace Graph.Api.Tests.Cli;

/// <summary>
/// Started from another working directory, or with a content root that has no appsettings.json, the
/// Production server keeps its safe defaults: EF Core logs no SQL statement.
/// </summary>
public sealed class SafeDefaultsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("graph-defaults-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Started_from_another_directory_production_logs_no_sql()
    {
        var (exitCode, output, error) = await ShopProcess.RunInAsync(_folder, "Production", "db", "seed", "--products", "5", "--ConnectionStrings:Shop", $"Data Source={Path.Combine(_folder, "a.db")}");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Applying", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Database.Command", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Executed DbCommand", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_appsettings_json_production_logs_no_sql()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var (exitCode, output, error) = await ShopProcess.RunInAsync(_folder, "Production", "db", "seed", "--products", "5", "--contentRoot", empty, "--ConnectionStrings:Shop", $"Data Source={Path.Combine(_folder, "b.db")}");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Applying", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Executed DbCommand", output + error, StringComparison.Ordinal);
    }
}
