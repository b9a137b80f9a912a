using Microsoft.Extensions.Configuration.Memory;

namespace Graph.Api.Hosting;

/// <summary>
/// What the server assumes when nothing else is said, so that starting it from another working
/// directory, or without appsettings.json, is still a safe production set-up (no SQL in the logs).
/// </summary>
public static class ShopHostDefaults
{
    /// <summary>
    /// The log levels in force before any configuration file: Information, with ASP.NET Core and
    /// EF Core at Warning (EF Core logs every SQL statement at Information). appsettings.json,
    /// environment variables and the command line refine them.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> LogLevels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    };

    /// <summary>
    /// The builder's options: the content root is the application's own folder (where appsettings.json
    /// is published, and where <c>dotnet run</c> builds to), not the working directory, unless one is
    /// given (<c>--contentRoot</c>, as the test host does, <c>ASPNETCORE_CONTENTROOT</c> or
    /// <c>DOTNET_CONTENTROOT</c>). The default SQLite file (<c>data/shop.db</c>) is under it too.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        // Configuration sees the settings only, never a command's words (see CommandArguments.Settings).
        string[] settings = [.. Commands.CommandArguments.Parse(args).Settings];
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(settings)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = settings, ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null };
    }

    /// <summary>Puts <see cref="LogLevels"/> under every other configuration source, so that each of them overrides it.</summary>
    public static void AddDefaults(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogLevels });
    }
}
