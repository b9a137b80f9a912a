namespace Graph.Api.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Whether the schema is migrated at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>PostgreSQL: the most connections one instance opens (Npgsql's <c>Maximum Pool Size</c>; unset: the connection string's, 100 by default).</summary>
    public int? MaxPoolSize { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>Seed the demo catalog and accounts into an empty database. Defaults to on in Development.</summary>
    public bool? Demo { get; set; }
}
