using Graph.AspNetCore.Data;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// On SQLite through EF Core, a page is one SELECT with the filter, the keyset predicate, the order and
/// the limit all in SQL; nothing is filtered, ordered or computed in memory.
/// </summary>
public sealed class SqlTranslationTests : IDisposable
{
    private static readonly SortKey<Item> UniqueKey = SortKey.Create("id", (Item i) => i.Id);
    private readonly SqliteItems _sqlite = new();
    private readonly ItemSortInputType _sort = new();
    private readonly ItemFilterInputType _filter = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task A_first_page_is_one_select_with_where_order_by_and_a_limit_of_one_more()
    {
        var page = await _sqlite.PageAsync(Request(new PagingArguments(First: 3)));

        var command = Assert.Single(_sqlite.Recorder.Recorded);
        Assert.Equal(3, page.Edges.Count);
        Assert.StartsWith("SELECT ", command.Sql, StringComparison.Ordinal);
        Assert.Contains("WHERE \"i\".\"Price\" <= @", command.Sql, StringComparison.Ordinal);
        Assert.Contains("instr(lower(\"i\".\"Name\"), @", command.Sql, StringComparison.Ordinal);
        Assert.Contains("\"i\".\"Status\" IN (", command.Sql, StringComparison.Ordinal);
        Assert.Contains("(\"i\".\"Stock\" > 0) = @", command.Sql, StringComparison.Ordinal);
        Assert.Contains("\"i\".\"Note\" IS NULL", command.Sql, StringComparison.Ordinal);
        Assert.Matches("ORDER BY \"i\".\"Name\", CASE[^)]*END DESC, \"i\".\"Price\", \"i\".\"Id\"\\s+LIMIT @", command.Sql);
        Assert.Equal(4L, Convert.ToInt64(command.Limit, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("COUNT(", command.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_after_cursor_becomes_the_keyset_predicate_in_sql()
    {
        var first = await _sqlite.PageAsync(Request(new PagingArguments(First: 3)));
        _sqlite.Recorder.Reset();

        await _sqlite.PageAsync(Request(new PagingArguments(First: 3, After: first.PageInfo.EndCursor)));

        var sql = Assert.Single(_sqlite.Recorder.Recorded).Sql;

        // (name > v1) OR (name = v1 AND status-rank < v2) OR (... AND price > v3) OR (... AND id > v4)
        Assert.Contains("AND (\"i\".\"Name\" > @", sql, StringComparison.Ordinal);
        Assert.Contains("OR (\"i\".\"Name\" = @", sql, StringComparison.Ordinal);
        Assert.Matches("END < @", sql);
        Assert.Contains("\"i\".\"Price\" > @", sql, StringComparison.Ordinal);
        Assert.Contains("\"i\".\"Id\" > @", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backward_page_reads_in_reversed_order()
    {
        var page = await _sqlite.PageAsync(Request(new PagingArguments(Last: 2)));

        var sql = Assert.Single(_sqlite.Recorder.Recorded).Sql;
        Assert.Matches("ORDER BY \"i\".\"Name\" DESC, CASE[^)]*END, \"i\".\"Price\" DESC, \"i\".\"Id\" DESC\\s+LIMIT @", sql);
        Assert.Equal(2, page.Edges.Count);
        Assert.True(page.PageInfo.HasPreviousPage);
    }

    [Fact]
    public async Task The_cursor_values_are_read_by_the_same_select()
    {
        await _sqlite.PageAsync(Request(new PagingArguments(First: 3)));

        // The enum's rank is computed by SQLite in the SELECT list, not in memory.
        var sql = Assert.Single(_sqlite.Recorder.Recorded).Sql;
        Assert.Matches("^SELECT [^;]*CASE\\s+WHEN \"i\".\"Status\" = 'Pending' THEN 0[^;]*FROM \"Items\"", sql);
    }

    [Fact]
    public async Task The_total_count_is_a_count_of_the_filtered_list_without_order_or_limit_run_only_when_asked()
    {
        await using var db = _sqlite.CreateContext();
        var page = await Request(new PagingArguments(First: 3)).ExecuteAsync(db.Items);
        Assert.Empty(_sqlite.Recorder.Counts);

        var total = await page.GetTotalCountAsync(CancellationToken.None);
        await page.GetTotalCountAsync(CancellationToken.None);

        var count = Assert.Single(_sqlite.Recorder.Counts).Sql;
        Assert.StartsWith("SELECT COUNT(*)", count, StringComparison.Ordinal);
        Assert.Contains("WHERE \"i\".\"Price\" <= @", count, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDER BY", count, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", count, StringComparison.Ordinal);
        Assert.Equal(ItemData.All.Count(Matches), total);
    }

    [Fact]
    public async Task Values_are_sent_as_parameters_not_inlined()
    {
        await _sqlite.PageAsync(Request(new PagingArguments(First: 3)));

        var command = Assert.Single(_sqlite.Recorder.Recorded);
        Assert.DoesNotContain("'lamp'", command.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("1000", command.Sql, StringComparison.Ordinal);
        Assert.Contains(1000L, command.Parameters.Values);
        Assert.Contains("lamp", command.Parameters.Values);
    }

    private static bool Matches(Item i) =>
        i.Price <= 10m && i.Name.Contains("lamp", StringComparison.Ordinal) && i.Status is ItemStatus.Active or ItemStatus.Pending && i.Stock > 0 && i.Note is null;

    private ConnectionQuery<Item> Request(PagingArguments paging) => new(UniqueKey)
    {
        Paging = paging,
        Order = _sort.ToSortKeys(new object[]
        {
            new Dictionary<string, object?> { ["name"] = SortDirection.Ascending },
            new Dictionary<string, object?> { ["status"] = SortDirection.Descending },
            new Dictionary<string, object?> { ["price"] = SortDirection.Ascending },
        }),
        Filter = _filter.ToPredicate(new Dictionary<string, object?>
        {
            ["price"] = new Dictionary<string, object?> { ["lte"] = 10m },
            ["name"] = new Dictionary<string, object?> { ["contains"] = "lamp" },
            ["status"] = new Dictionary<string, object?> { ["in"] = new object[] { ItemStatus.Active, ItemStatus.Pending } },
            ["inStock"] = new Dictionary<string, object?> { ["eq"] = true },
            ["note"] = new Dictionary<string, object?> { ["eq"] = null },
        }),
    };
}
