using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Graph.Api.Tests.Data;

/// <summary>
/// The SQLite model the server uses is compiled to code (<c>src/Graph.Api/Data/SqliteModel</c>); it
/// must be the model <see cref="ShopDbContext"/> builds, or the server would map what the code no
/// longer says.
/// </summary>
public sealed class SqliteModelTests
{
    [Fact]
    public void The_compiled_model_is_the_model_the_code_builds()
    {
        using var building = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>().UseSqlite("Data Source=:memory:").Options);
        // Through a context too: EF Core initialises the compiled model's runtime dependencies there,
        // without which its debug view is incomplete.
        using var compiling = new ShopDbContext(new DbContextOptionsBuilder<ShopDbContext>()
            .UseModel(Graph.Api.Data.SqliteModel.ShopDbContextModel.Instance).UseSqlite("Data Source=:memory:").Options);

        var built = building.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        var compiled = compiling.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);

        Assert.DoesNotContain("Debug view threw", built + compiled, StringComparison.Ordinal);
        Assert.True(built == compiled, "The compiled SQLite model differs from the model ShopDbContext builds: regenerate it (README.md, \"The compiled model\").\n" + FirstDifference(built, compiled));
    }

    private static string FirstDifference(string built, string compiled)
    {
        var builtLines = built.Split('\n');
        var compiledLines = compiled.Split('\n');
        for (var i = 0; i < Math.Max(builtLines.Length, compiledLines.Length); i++)
        {
            var a = i < builtLines.Length ? builtLines[i] : "(end)";
            var b = i < compiledLines.Length ? compiledLines[i] : "(end)";
            if (a != b)
            {
                return $"line {i + 1}: built \"{a.Trim()}\", compiled \"{b.Trim()}\"";
            }
        }

        return "";
    }
}
