using Graph.AspNetCore.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// A page read from a context (<see cref="ConnectionQuery{TEntity}.ExecuteAsync(DbContext, CancellationToken)"/>)
/// runs a query compiled once per shape: requests that differ only in their values (filter operands,
/// cursors, page size, parents) share one cached query, send the values as parameters (the same SQL
/// text for every value) and get their own rows.
/// </summary>
public sealed class CompiledPageQueryTests : IDisposable
{
    private static readonly SortKey<Item> UniqueKey = SortKey.Create("id", (Item i) => i.Id);
    private readonly SqliteItems _sqlite = new();
    private readonly ItemSortInputType _sort = new();
    private readonly ItemFilterInputType _filter = new();

    private static ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<Item>>>> Pages =>
        ShapeCache<Func<DbContext, object?[], IAsyncEnumerable<KeysetRow<Item>>>>.Shared;

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Two_filter_values_and_page_sizes_share_one_compiled_query_with_the_same_sql()
    {
        // A filter of its own (weight and rating), so no other test's shape is counted here.
        var cheap = Request(new PagingArguments(First: 3), Filter(weight: 250L, rating: 3));
        var heavy = Request(new PagingArguments(First: 7), Filter(weight: 1000L, rating: 1));

        var cheapPage = await Page(cheap);
        var heavyPage = await Page(heavy);

        Assert.Equal(Expected(i => i.Weight == 250 && i.Rating >= 3).Take(3), cheapPage.ids);
        Assert.Equal(Expected(i => i.Weight == 1000 && i.Rating >= 1).Take(7), heavyPage.ids);
        Assert.Equal(cheapPage.command.Sql, heavyPage.command.Sql);
        Assert.Contains(250L, cheapPage.command.Parameters.Values);
        Assert.Contains(1000L, heavyPage.command.Parameters.Values);
        Assert.DoesNotContain("250", cheapPage.command.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("1000", heavyPage.command.Sql, StringComparison.Ordinal);
        Assert.Equal(1, ShapesOf(cheap, after: false));
    }

    [Fact]
    public async Task Two_cursors_share_one_compiled_query_and_each_reads_the_rows_after_it()
    {
        var filter = Filter(weight: 100L, rating: 1);
        var all = Expected(i => i.Weight == 100 && i.Rating >= 1);
        var first = await Page(Request(new PagingArguments(First: 4), filter));
        var second = await Page(Request(new PagingArguments(First: 4, After: first.page.PageInfo.EndCursor), filter));
        var third = await Page(Request(new PagingArguments(First: 4, After: second.page.PageInfo.EndCursor), filter));

        Assert.Equal(all.Take(4), first.ids);
        Assert.Equal(all.Skip(4).Take(4), second.ids);
        Assert.Equal(all.Skip(8).Take(4), third.ids);
        Assert.Equal(second.command.Sql, third.command.Sql);
        Assert.NotEqual(second.command.Parameters.Values, third.command.Parameters.Values);
        Assert.Equal(1, ShapesOf(Request(new PagingArguments(First: 4, After: first.page.PageInfo.EndCursor), filter), after: true));
    }

    [Fact]
    public async Task Grouped_pages_of_two_parents_share_the_same_sql_and_each_gets_its_own_rows()
    {
        var request = Request(new PagingArguments(First: 2), Filter(weight: 250L, rating: 1), totalCount: true);

        var alpha = await Grouped(request, "alpha");
        var beta = await Grouped(request, "beta");

        Assert.Equal(Expected(i => i.Group == "alpha" && i.Weight == 250 && i.Rating >= 1).Take(2), alpha.ids);
        Assert.Equal(Expected(i => i.Group == "beta" && i.Weight == 250 && i.Rating >= 1).Take(2), beta.ids);
        Assert.Equal(ItemData.All.Count(i => i.Group == "beta" && i.Weight == 250 && i.Rating >= 1), beta.total);
        Assert.Equal(alpha.sql, beta.sql);
        Assert.DoesNotContain("'alpha'", alpha.sql[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_parents_page_is_a_plain_page_of_its_items_and_its_count_after_the_last_item_is_its_own()
    {
        var first = Request(new PagingArguments(First: 3), Filter(weight: 250L, rating: 1), totalCount: true);
        var alpha = await Grouped(first, "alpha");

        var sql = Assert.Single(alpha.sql);
        Assert.DoesNotContain("ROW_NUMBER", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("GROUP BY", sql, StringComparison.Ordinal);
        var expected = Expected(i => i.Group == "alpha" && i.Weight == 250 && i.Rating >= 1);
        Assert.Equal(expected.Take(3), alpha.ids);
        Assert.Equal(expected.Count, alpha.total);

        // Past the parent's last item: an empty page, whose count is read on its own, of this parent only.
        await using var db = _sqlite.CreateContext();
        var all = (await Request(new PagingArguments(First: 50), Filter(weight: 250L, rating: 1)).ExecuteGroupedAsync(db, i => i.Group, ["alpha"]))["alpha"];
        Assert.Equal(expected, all.Nodes.Select(i => i.Id));
        var past = Request(new PagingArguments(First: 3, After: all.PageInfo.EndCursor), Filter(weight: 250L, rating: 1), totalCount: true);
        var empty = await Grouped(past, "alpha");
        Assert.Empty(empty.ids);
        Assert.Equal(expected.Count, empty.total);
    }

    [Fact]
    public async Task A_filter_holding_a_constant_of_its_own_is_not_shared_between_values()
    {
        // A closure's value does not show in the filter's text: sharing its query would answer the second
        // request with the first one's value.
        foreach (var weight in new long[] { 100, 1000 })
        {
            var page = await _sqlite.PageAsync(new ConnectionQuery<Item>(UniqueKey) { Paging = new PagingArguments(First: 5), Filter = i => i.Weight == weight });

            Assert.Equal(ItemData.All.Where(i => i.Weight == weight).Select(i => i.Id).Order().Take(5), page.Nodes.Select(i => i.Id));
        }
    }

    [Fact]
    public async Task A_request_with_more_values_than_a_compiled_query_takes_is_read_all_the_same()
    {
        var ids = Enumerable.Range(1, CompiledPageQuery.MaxParameters + 1)
            .Select(id => (object)new Dictionary<string, object?> { ["id"] = new Dictionary<string, object?> { ["eq"] = id * 3 } })
            .ToArray();
        var request = new ConnectionQuery<Item>(UniqueKey)
        {
            Paging = new PagingArguments(First: 50),
            Filter = _filter.ToPredicate(new Dictionary<string, object?> { ["or"] = ids }),
        };

        var page = await _sqlite.PageAsync(request);

        Assert.Equal(Enumerable.Range(1, CompiledPageQuery.MaxParameters + 1).Select(id => id * 3), page.Nodes.Select(i => i.Id));
    }

    [Fact]
    public void The_shape_cache_holds_at_most_its_capacity_and_then_compiles_nothing_more()
    {
        var cache = new ShapeCache<object>(capacity: 2);
        var compiled = 0;
        object? Add(string keys) => cache.GetOrAdd(new ConnectionShape(this, typeof(Item), null, keys, false, false, false, false, null, null), 0, _ => new object[] { ++compiled });

        var first = Add("a");
        Assert.Same(first, Add("a"));
        Assert.NotNull(Add("b"));
        Assert.Null(Add("c"));

        Assert.Equal(2, cache.Count);
        Assert.Equal(2, compiled);
        Assert.Same(first, Add("a"));
    }

    private static Dictionary<string, object?> Filter(long weight, int rating) => new()
    {
        ["weight"] = new Dictionary<string, object?> { ["eq"] = weight },
        ["rating"] = new Dictionary<string, object?> { ["gte"] = rating },
    };

    private ConnectionQuery<Item> Request(PagingArguments paging, Dictionary<string, object?> filter, bool totalCount = false) => new(UniqueKey)
    {
        Paging = paging,
        Order = _sort.ToSortKeys(new object[] { new Dictionary<string, object?> { ["price"] = SortDirection.Descending } }),
        Filter = _filter.ToPredicate(filter),
        IncludeTotalCount = totalCount,
    };

    // The ids in the order of Request: price descending, then id.
    private static List<int> Expected(Func<Item, bool> predicate) =>
        [.. ItemData.All.Where(predicate).OrderByDescending(i => i.Price).ThenBy(i => i.Id).Select(i => i.Id)];

    private async Task<(List<int> ids, RecordedCommand command, Connection<Item> page)> Page(ConnectionQuery<Item> request)
    {
        _sqlite.Recorder.Reset();
        var page = await _sqlite.PageAsync(request);
        return ([.. page.Nodes.Select(i => i.Id)], Assert.Single(_sqlite.Recorder.Recorded), page);
    }

    private async Task<(List<int> ids, int total, List<string> sql)> Grouped(ConnectionQuery<Item> request, string group)
    {
        _sqlite.Recorder.Reset();
        await using var db = _sqlite.CreateContext();
        var pages = await request.ExecuteGroupedAsync(db, i => i.Group, [group]);
        var page = pages[group];
        return ([.. page.Nodes.Select(i => i.Id)], await page.GetTotalCountAsync(CancellationToken.None), [.. _sqlite.Recorder.Commands]);
    }

    // The cached shapes of this request's filter and order: one, however many values were read with it.
    private static int ShapesOf(ConnectionQuery<Item> request, bool after)
    {
        var keys = string.Concat(request.Order.Append(request.Key).Select(key => key.Shape));
        return Pages.Shapes.Count(shape =>
            shape.Filter == request.Filter!.ToString() && shape.Keys == keys && shape.After == after && !shape.Before && !shape.Count && shape.Group is null);
    }
}
