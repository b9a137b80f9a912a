using Graph.Api.Data;
using Npgsql;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL cluster for the whole test run (tests/scaleout/postgres.sh, installed by
/// tests/scaleout/install.sh when missing), stopped when the test process exits. Each test gets a
/// database of its own, copied from a template that the application itself migrated and seeded once.
/// </summary>
public sealed class PostgresServer
{
    private const string Template = "graph_template";
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);
    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The shared server, started (and its template database prepared) on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 20 }.ToString();

    /// <summary>A new database holding the migrated schema and the demo data.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return name;
    }

    /// <summary>A new empty database (nothing migrated).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "e_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        await ScaleoutScripts.InstallAsync();
        var folder = Directory.CreateTempSubdirectory("graph-pg-").FullName;
        var port = ScaleoutScripts.FreePort();
        await ScaleoutScripts.RunAsync("postgres.sh", ["start", folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["GRAPH_PG_FSYNC"] = "off" });
        var server = new PostgresServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        // The template: the application migrates and seeds it as at any start, then lets it go.
        await server.ExecuteAsync($"CREATE DATABASE {Template}");
        using (var app = new ShopApiFactory(DatabaseProvider.Postgres, server.ConnectionString(Template)))
        {
            app.CreateClient().Dispose();
        }

        await server.DropConnectionsAsync(Template);
        return server;
    }

    private async Task DropConnectionsAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
    }

    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        ScaleoutScripts.RunAsync("postgres.sh", ["stop", _folder], TimeSpan.FromSeconds(40)).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by the cluster's user: left for the OS temp cleaner.
        }
    }
}
