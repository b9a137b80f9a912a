using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data;

/// <summary>
/// One migration set per provider in this assembly: SQLite's in <c>Data/Migrations/Sqlite</c>,
/// PostgreSQL's in <c>Data/Migrations/Postgres</c>, told apart by namespace. EF Core's own lookup
/// takes every migration of the context in the assembly, and would run SQLite's DDL on PostgreSQL.
/// <c>dotnet ef</c> goes through this too, so it diffs against the right snapshot.
/// </summary>
internal sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    public const string SqliteNamespace = "Graph.Api.Data.Migrations.Sqlite";
    public const string PostgresNamespace = "Graph.Api.Data.Migrations.Postgres";

    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotRead;

    public Assembly Assembly => typeof(ShopDbContext).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= Find();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotRead)
            {
                var type = OwnTypes().FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotRead = true;
            }

            return _snapshot;
        }
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    /// <summary>The namespace of the migrations for an EF Core provider name.</summary>
    public static string NamespaceFor(string? providerName) =>
        string.Equals(providerName, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal) ? PostgresNamespace : SqliteNamespace;

    private Dictionary<string, TypeInfo> Find() =>
        OwnTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()!.Id, Type: t))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id, m => m.Type, StringComparer.Ordinal);

    // The context's types in this provider's namespace.
    private IEnumerable<TypeInfo> OwnTypes()
    {
        var ns = NamespaceFor(currentContext.Context.Database.ProviderName);
        var contextType = currentContext.Context.GetType();
        return Assembly.DefinedTypes.Where(t =>
            string.Equals(t.Namespace, ns, StringComparison.Ordinal)
            && !t.IsAbstract
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType);
    }
}
