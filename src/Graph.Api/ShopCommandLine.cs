namespace Graph.Api;

/// <summary>
/// The commands of the executable besides serving: <c>schema export [path]</c>.
/// </summary>
public static class ShopCommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (words is ["schema", "export", ..])
        {
            var path = words.Length > 2 ? words[2] : DefaultSchemaPath();
            await File.WriteAllTextAsync(path, SchemaExport.Print(app.Services));
            await Console.Out.WriteLineAsync($"Schema written to {Path.GetFullPath(path)}");
            return true;
        }

        return false;
    }

    // schema/schema.graphql at the repository root (the folder holding Graph.sln), found from the
    // working directory so that the command works from anywhere inside the checkout.
    private static string DefaultSchemaPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                return Path.Combine(dir.FullName, "schema", "schema.graphql");
            }
        }

        return Path.Combine("schema", "schema.graphql");
    }
}
