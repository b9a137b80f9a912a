using System.Linq.Expressions;
using Graph.AspNetCore.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>Where the items live: the same requests run against LINQ to Objects and against SQLite.</summary>
public abstract class ItemsBackend
{
    public abstract string Name { get; }

    /// <summary>Runs a page request over the items, optionally scoped first (as a category scopes its products).</summary>
    public abstract Task<Connection<Item>> PageAsync(ConnectionQuery<Item> request, Func<IQueryable<Item>, IQueryable<Item>>? scope = null, CancellationToken cancellationToken = default);

    /// <summary>The ids of the items a predicate keeps, in id order.</summary>
    public abstract Task<List<int>> IdsAsync(Expression<Func<Item, bool>>? predicate, CancellationToken cancellationToken = default);

    public override string ToString() => Name;
}

public sealed class MemoryItems(IReadOnlyList<Item> items) : ItemsBackend
{
    public MemoryItems()
        : this(ItemData.All)
    {
    }

    public override string Name => "memory";

    public override Task<Connection<Item>> PageAsync(ConnectionQuery<Item> request, Func<IQueryable<Item>, IQueryable<Item>>? scope = null, CancellationToken cancellationToken = default) =>
        request.ExecuteAsync((scope ?? (q => q))(items.AsQueryable()), cancellationToken);

    public override Task<List<int>> IdsAsync(Expression<Func<Item, bool>>? predicate, CancellationToken cancellationToken = default) =>
        Task.FromResult(items.AsQueryable().Where(predicate ?? (_ => true)).OrderBy(i => i.Id).Select(i => i.Id).ToList());
}

/// <summary>An in-memory SQLite database holding the items; a fresh context per request, as resolvers open their own.</summary>
public sealed class SqliteItems : ItemsBackend, IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly DbContextOptions<ItemsDbContext> _options;

    public SqliteItems()
        : this(ItemData.All)
    {
    }

    internal SqliteItems(IEnumerable<Item> items)
    {
        _connection.Open();
        _options = new DbContextOptionsBuilder<ItemsDbContext>().UseSqlite(_connection).AddInterceptors(Recorder).Options;
        using var db = CreateContext();
        db.Database.EnsureCreated();
        Add(items);
        Recorder.Reset();
    }

    public override string Name => "sqlite";

    public SqlCommandRecorder Recorder { get; } = new();

    public ItemsDbContext CreateContext() => new(_options);

    public void Add(IEnumerable<Item> items)
    {
        using var db = CreateContext();
        db.Items.AddRange(items.Select(Copy));
        db.SaveChanges();
    }

    public override async Task<Connection<Item>> PageAsync(ConnectionQuery<Item> request, Func<IQueryable<Item>, IQueryable<Item>>? scope = null, CancellationToken cancellationToken = default)
    {
        // Unscoped as the shop reads its lists (a query compiled once per shape), scoped through the query built per request.
        await using var db = CreateContext();
        return scope is null
            ? await request.ExecuteAsync(db, cancellationToken)
            : await request.ExecuteAsync(scope(db.Items.AsNoTracking()), cancellationToken);
    }

    public override async Task<List<int>> IdsAsync(Expression<Func<Item, bool>>? predicate, CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        return await db.Items.Where(predicate ?? (_ => true)).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    public void Dispose() => _connection.Dispose();

    // The shared test data must not be tracked (or changed) by a context.
    private static Item Copy(Item item) => new()
    {
        Id = item.Id,
        Name = item.Name,
        Group = item.Group,
        Note = item.Note,
        Price = item.Price,
        Stock = item.Stock,
        Rating = item.Rating,
        Weight = item.Weight,
        CreatedAt = item.CreatedAt,
        Active = item.Active,
        Status = item.Status,
        Code = item.Code,
    };
}
