using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// Transaction-scoped PostgreSQL advisory locks for writes that check a unique value before
/// inserting it (a product's SKU and slug). SQLite's write transactions are already one at a time
/// (BEGIN IMMEDIATE), so there the check always sees the other writer's row; on PostgreSQL two
/// READ COMMITTED transactions would both pass the check and one would fail on the unique index.
/// Taking the lock first gives PostgreSQL the same order, and the same typed errors.
/// </summary>
public static class WriteLocks
{
    /// <summary>Creating and updating products.</summary>
    public const long Catalog = 0x67726170682d6361; // "graph-ca"

    /// <summary>Changing roles: the last-ADMIN check and the demotion happen one at a time.</summary>
    public const long Roles = 0x67726170682d726f; // "graph-ro"

    /// <summary>Waits for <paramref name="key"/> in the current transaction (released at its end); nothing on SQLite.</summary>
    public static async Task SerializeAsync(this ShopDbContext db, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
    }
}
