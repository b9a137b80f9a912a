using Graph.AspNetCore.Data;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// A cursor is a position in the order, not an offset: rows added or removed meanwhile neither repeat
/// nor skip the rows that were already past it.
/// </summary>
public sealed class CursorStabilityTests : IDisposable
{
    private static readonly SortKey<Item> UniqueKey = SortKey.Create("id", (Item i) => i.Id);
    private readonly SqliteItems _sqlite = new();
    private readonly ItemSortInputType _sort = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Rows_added_before_and_after_the_cursor_shift_nothing()
    {
        var first = await _sqlite.PageAsync(Request(7));
        var cursorRow = first.Nodes[^1];

        // 30 new rows with the same few values: some sort before the cursor, some tie with it, some after.
        var added = ItemData.Create(30, firstId: 201, seed: 99);
        _sqlite.Add(added);
        var rest = await WalkAsync(first.PageInfo.EndCursor);

        var now = Ordered(ItemData.All.Concat(added)).ToList();
        var expected = now.Skip(now.FindIndex(i => i.Id == cursorRow.Id) + 1).Select(i => i.Id);
        Assert.Equal(expected, rest);
        Assert.Empty(rest.Intersect(first.Nodes.Select(i => i.Id)));
        Assert.Contains(rest, id => id > 200);
    }

    [Fact]
    public async Task The_cursor_row_itself_may_disappear()
    {
        var first = await _sqlite.PageAsync(Request(7));
        var cursorRow = first.Nodes[^1];
        await using (var db = _sqlite.CreateContext())
        {
            db.Items.Remove(db.Items.Single(i => i.Id == cursorRow.Id));
            await db.SaveChangesAsync();
        }

        var rest = await WalkAsync(first.PageInfo.EndCursor);

        var before = Ordered(ItemData.All).ToList();
        Assert.Equal(before.Skip(before.FindIndex(i => i.Id == cursorRow.Id) + 1).Select(i => i.Id), rest);
    }

    // Stock ascending: only four distinct values, so the unique key decides most positions.
    private static IEnumerable<Item> Ordered(IEnumerable<Item> items) => items.OrderBy(i => i.Stock).ThenBy(i => i.Id);

    private ConnectionQuery<Item> Request(int first, string? after = null) => new(UniqueKey)
    {
        Paging = new PagingArguments(First: first, After: after),
        Order = _sort.ToSortKeys(new Dictionary<string, object?> { ["stock"] = SortDirection.Ascending }),
    };

    private async Task<List<int>> WalkAsync(string? after)
    {
        var seen = new List<int>();
        while (true)
        {
            var page = await _sqlite.PageAsync(Request(13, after));
            seen.AddRange(page.Nodes.Select(i => i.Id));
            if (!page.PageInfo.HasNextPage)
            {
                return seen;
            }

            after = page.PageInfo.EndCursor;
        }
    }
}
