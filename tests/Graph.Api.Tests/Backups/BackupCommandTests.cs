using Graph.Api.Backups;
using Graph.Api.Commands;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Backups;

/// <summary><c>db backup</c>, <c>db verify</c>, <c>db restore</c> and the scheduled backup, in process.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "graph-tests", $"backup-{Guid.NewGuid():N}");
    private readonly ShopApiFactory _factory;

    public BackupCommandTests()
    {
        Directory.CreateDirectory(_folder);
        _factory = new ShopApiFactory();
        _factory.Settings["Backup:Folder"] = Path.Combine(_folder, "scheduled");
        _factory.Settings["Backup:Keep"] = "2";
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [Fact]
    public async Task A_backup_verifies_and_never_overwrites_a_file()
    {
        var file = Path.Combine(_folder, "a.db");

        var (code, text) = await RunAsync((o, e) => BackupCommands.BackupAsync(_factory.Services, file, o, e));
        var (again, againText) = await RunAsync((o, e) => BackupCommands.BackupAsync(_factory.Services, file, o, e));
        var (verified, verifyText) = await RunAsync((o, e) => BackupCommands.VerifyAsync(_factory.Services, file, o, e));

        Assert.True(code == 0, text);
        Assert.Equal(1, again);
        Assert.Contains("never overwrites", againText, StringComparison.Ordinal);
        Assert.True(verified == 0, verifyText);
        Assert.Contains("integrity ok", verifyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_refuses_a_corrupt_a_truncated_and_a_newer_file_and_leaves_the_database_alone()
    {
        var good = Path.Combine(_folder, "good.db");
        Assert.Equal(0, (await RunAsync((o, e) => BackupCommands.BackupAsync(_factory.Services, good, o, e))).Code);

        var garbage = Path.Combine(_folder, "garbage.db");
        await File.WriteAllTextAsync(garbage, "this is not a database");
        var truncated = Path.Combine(_folder, "truncated.db");
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var newer = Path.Combine(_folder, "newer.db");
        File.Copy(good, newer);
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('99991231000000_FromTheFuture', '99.0')";
            command.ExecuteNonQuery();
        }

        var ordersBefore = await OrdersAsync();
        foreach (var (file, reason) in new[] { (garbage, "not a database"), (truncated, string.Empty), (newer, "newer than this version") })
        {
            var (code, text) = await RunAsync((o, e) => BackupCommands.RestoreAsync(_factory.Services, file, o, e));
            Assert.Equal(1, code);
            Assert.Contains("Refused", text, StringComparison.Ordinal);
            Assert.Contains(reason, text, StringComparison.Ordinal);
        }

        Assert.Equal(ordersBefore, await OrdersAsync());
    }

    [Fact]
    public async Task The_scheduled_backup_keeps_the_newest_ones()
    {
        var scheduled = _factory.Services.GetRequiredService<ScheduledBackup>();

        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await scheduled.BackUpNowAsync(CancellationToken.None));
        }

        var kept = Directory.GetFiles(Path.Combine(_folder, "scheduled"), "shop-*.db").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files[1..], kept);
    }

    private async Task<int> OrdersAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();
        return await db.Orders.CountAsync();
    }

    private static async Task<(int Code, string Text)> RunAsync(Func<TextWriter, TextWriter, Task<int>> command)
    {
        using var output = new StringWriter();
        var code = await command(output, output);
        return (code, output.ToString());
    }
}
