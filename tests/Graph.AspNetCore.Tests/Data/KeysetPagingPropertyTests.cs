using Graph.AspNetCore.Data;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// Walking every page forwards, then every page backwards, yields each item exactly once and in order,
/// for orders whose keys tie a lot, several page sizes, in memory and on SQLite.
/// </summary>
public class KeysetPagingPropertyTests(SqliteItems sqlite) : IClassFixture<SqliteItems>
{
    private static readonly SortKey<Item> UniqueKey = SortKey.Create("id", (Item i) => i.Id);
    private static readonly ItemSortInputType Sort = new();
    private static readonly ItemFilterInputType Filter = new();

    public static TheoryData<string, string, int> Walks()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var backend in new[] { "memory", "sqlite" })
        {
            foreach (var sort in SortCase.All)
            {
                foreach (var size in new[] { 1, 7, 50 })
                {
                    data.Add(backend, sort.Name, size);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Walking_forwards_then_backwards_yields_every_item_once_in_order(string backend, string sort, int size)
    {
        var items = Backend(backend);
        var sortCase = SortCase.Named(sort);
        var expected = sortCase.Expected(ItemData.All.Where(sortCase.Matches ?? (_ => true))).Select(i => i.Id).ToList();

        var forwards = await WalkForwardsAsync(items, sortCase, size);
        var backwards = await WalkBackwardsAsync(items, sortCase, size);

        Assert.Equal(expected, forwards);
        Assert.Equal(expected, backwards);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task After_and_before_together_bound_a_window(string backend)
    {
        var items = Backend(backend);
        var sortCase = SortCase.Named("string asc, decimal desc (two items)");
        var expected = sortCase.Expected(ItemData.All).Select(i => i.Id).ToList();
        var all = await items.PageAsync(Request(new PagingArguments(First: 50), sortCase));
        var after = all.Edges[9].Cursor;
        var before = all.Edges[20].Cursor;

        var forwards = await items.PageAsync(Request(new PagingArguments(First: 50, After: after, Before: before), sortCase));
        var backwards = await items.PageAsync(Request(new PagingArguments(Last: 3, After: after, Before: before), sortCase));

        Assert.Equal(expected[10..20], forwards.Nodes.Select(i => i.Id));
        Assert.True(forwards.PageInfo.HasNextPage);
        Assert.True(forwards.PageInfo.HasPreviousPage);
        Assert.Equal(expected[17..20], backwards.Nodes.Select(i => i.Id));
        Assert.True(backwards.PageInfo.HasNextPage);
        Assert.True(backwards.PageInfo.HasPreviousPage);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Only_before_pages_backwards_with_the_default_size(string backend)
    {
        var items = Backend(backend);
        var sortCase = SortCase.Named("int asc");
        var expected = sortCase.Expected(ItemData.All).Select(i => i.Id).ToList();
        var all = await items.PageAsync(Request(new PagingArguments(First: 50), sortCase));

        var page = await items.PageAsync(Request(new PagingArguments(Before: all.Edges[30].Cursor), sortCase));

        Assert.Equal(expected[20..30], page.Nodes.Select(i => i.Id));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task First_zero_is_an_empty_page_that_knows_whether_items_follow(string backend)
    {
        var page = await Backend(backend).PageAsync(Request(new PagingArguments(First: 0), SortCase.All[0]));

        Assert.Empty(page.Edges);
        Assert.True(page.PageInfo.HasNextPage);
        Assert.Null(page.PageInfo.StartCursor);
        Assert.Null(page.PageInfo.EndCursor);
    }

    private ItemsBackend Backend(string name) => name == "sqlite" ? sqlite : new MemoryItems();

    private static ConnectionQuery<Item> Request(PagingArguments paging, SortCase sortCase) => new(UniqueKey)
    {
        Paging = paging,
        Order = Sort.ToSortKeys(sortCase.Order),
        Filter = sortCase.Where is null ? null : Filter.ToPredicate(sortCase.Where),
    };

    private static async Task<List<int>> WalkForwardsAsync(ItemsBackend items, SortCase sortCase, int size)
    {
        var seen = new List<int>();
        string? after = null;
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= 250, "the walk does not end");
            var page = await items.PageAsync(Request(new PagingArguments(First: size, After: after), sortCase));
            AssertCursorsAgree(page);
            Assert.Equal(after is not null, page.PageInfo.HasPreviousPage);
            seen.AddRange(page.Nodes.Select(i => i.Id));
            if (!page.PageInfo.HasNextPage)
            {
                Assert.InRange(page.Edges.Count, 1, size);
                return seen;
            }

            Assert.Equal(size, page.Edges.Count);
            after = page.PageInfo.EndCursor;
        }
    }

    private static async Task<List<int>> WalkBackwardsAsync(ItemsBackend items, SortCase sortCase, int size)
    {
        var seen = new List<int>();
        string? before = null;
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= 250, "the walk does not end");
            var page = await items.PageAsync(Request(new PagingArguments(Last: size, Before: before), sortCase));
            AssertCursorsAgree(page);
            Assert.Equal(before is not null, page.PageInfo.HasNextPage);
            seen.InsertRange(0, page.Nodes.Select(i => i.Id));
            if (!page.PageInfo.HasPreviousPage)
            {
                Assert.InRange(page.Edges.Count, 1, size);
                return seen;
            }

            Assert.Equal(size, page.Edges.Count);
            before = page.PageInfo.StartCursor;
        }
    }

    private static void AssertCursorsAgree(Connection<Item> page)
    {
        Assert.Equal(page.Edges.Select(e => e.Node), page.Nodes);
        Assert.Equal(page.Edges[0].Cursor, page.PageInfo.StartCursor);
        Assert.Equal(page.Edges[^1].Cursor, page.PageInfo.EndCursor);
        Assert.Equal(page.Edges.Count, page.Edges.Select(e => e.Cursor).Distinct().Count());
    }
}
