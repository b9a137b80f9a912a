namespace Graph.Api.Backups;

/// <summary>The <c>Backup</c> section: scheduled online backups of the SQLite database.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>How often a backup is taken; zero (the default) takes none.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.Zero;

    /// <summary>Where backups go; a relative path is under the content root's data folder.</summary>
    public string Folder { get; set; } = "backups";

    /// <summary>How many backups are kept; older ones are deleted after a new one succeeds.</summary>
    public int Keep { get; set; } = 7;
}
