namespace Graph.Api.Backups;

/// <summary>What <c>db verify</c> found in a backup file.</summary>
/// <param name="Ok">Whether the file can be restored by this version.</param>
/// <param name="Problem">Why not, when it cannot.</param>
/// <param name="LastMigration">The schema version it holds.</param>
/// <param name="Orders">How many orders it holds.</param>
public sealed record BackupCheck(bool Ok, string? Problem, string? LastMigration, long Orders)
{
    public static BackupCheck Failed(string problem) => new(false, problem, null, 0);
}
