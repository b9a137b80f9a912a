using System.Globalization;
using Graph.Api.Schema;
using Graph.AspNetCore.PersistedOperations;

namespace Graph.Api.Commands;

/// <summary>
/// The commands of the executable besides serving: <c>schema export [path]</c>,
/// <c>operations manifest [path]</c>, <c>db migrate</c>, <c>db backup|verify|restore &lt;file&gt;</c>,
/// <c>db seed [--products N]</c> and <c>help</c>. A command runs and exits; no arguments (or only
/// ASP.NET Core settings such as <c>--urls</c>) means serve.
/// </summary>
public static class ShopCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project src/Graph.Api [-- <command>] [settings]

        Commands:
          (none)                  serve GraphQL at http://localhost:5000/graphql
          schema export [path]    write the served schema's SDL (default: schema/schema.graphql)
          operations manifest [path]
                                  write the trusted documents as an Apollo persisted query
                                  manifest (default: schema/trusted-documents.json)
          db migrate              apply pending database migrations
          db backup <file>        an online backup of the SQLite database, while the server runs
          db verify <file>        check a backup: integrity and a schema this version knows
          db restore <file>       replace the database with a verified backup (server stopped)
          db seed [--products N]  migrate, seed the demo data into an empty database, and add N
                                  generated products (a large catalog for benchmarks)
          help, --help            show this help

        Settings are ASP.NET Core configuration, e.g. --environment Production,
        --ConnectionStrings:Shop "Data Source=bench.db", --urls http://127.0.0.1:5055
        """;

    /// <summary>Runs the command the arguments name, if any, setting the process exit code.</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        var arguments = CommandArguments.Parse(args);
        if (!IsCommand(arguments))
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services, arguments, Console.Out, Console.Error);
        return true;
    }

    /// <summary>Whether the arguments name a command (or ask for help) rather than serving.</summary>
    public static bool IsCommand(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Help || arguments.Words.Count > 0;
    }

    /// <summary>Runs a command; returns the exit code (0 on success, 1 for a command it does not know).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (arguments.Help)
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        switch (arguments.Words)
        {
            case ["help"]:
                await output.WriteLineAsync(Usage);
                return 0;
            case ["schema", "export"] or ["schema", "export", _]:
                var path = arguments.Words.Count > 2 ? arguments.Words[2] : DefaultSchemaPath();
                await File.WriteAllTextAsync(path, SchemaExport.Print(services), cancellationToken);
                await output.WriteLineAsync($"Schema written to {Path.GetFullPath(path)}");
                return 0;
            case ["operations", "manifest"] or ["operations", "manifest", _]:
                var manifestPath = arguments.Words.Count > 2 ? arguments.Words[2] : DefaultManifestPath();
                await File.WriteAllTextAsync(manifestPath, ShopTrustedDocuments.Manifest(services.GetRequiredService<TrustedDocuments>()), cancellationToken);
                await output.WriteLineAsync($"Trusted documents written to {Path.GetFullPath(manifestPath)}");
                return 0;
            case ["db", "backup", var backupFile]:
                return await BackupCommands.BackupAsync(services, backupFile, output, error, cancellationToken);
            case ["db", "verify", var verifyFile]:
                return await BackupCommands.VerifyAsync(services, verifyFile, output, error, cancellationToken);
            case ["db", "restore", var restoreFile]:
                return await BackupCommands.RestoreAsync(services, restoreFile, output, error, cancellationToken);
            case ["db", "migrate"]:
                return await DatabaseCommands.MigrateAsync(services, output, cancellationToken);
            case ["db", "seed"]:
                if (!TryGetProducts(arguments, out var products))
                {
                    await error.WriteLineAsync($"--products must be a whole number from 0 to {DatabaseCommands.MaxProducts:N0}.");
                    return 1;
                }

                return await DatabaseCommands.SeedAsync(services, products, output, cancellationToken);
            default:
                await error.WriteLineAsync($"Unknown command: {string.Join(' ', arguments.Words)}");
                await error.WriteLineAsync();
                await error.WriteLineAsync(Usage);
                return 1;
        }
    }

    private static bool TryGetProducts(CommandArguments arguments, out int products)
    {
        products = 0;
        return !arguments.Options.TryGetValue("products", out var value)
            || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out products) && products <= DatabaseCommands.MaxProducts);
    }

    // schema/schema.graphql at the repository root (the folder holding Graph.sln), found from the
    // working directory so that the command works from anywhere inside the checkout.
    private static string DefaultSchemaPath() => SchemaFolderFile("schema.graphql");

    private static string DefaultManifestPath() => SchemaFolderFile("trusted-documents.json");

    private static string SchemaFolderFile(string name)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                return Path.Combine(dir.FullName, "schema", name);
            }
        }

        return Path.Combine("schema", name);
    }
}
