namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// Through a real schema and graphql-dotnet's executer on SQLite: the COUNT runs exactly when
/// <c>totalCount</c> is in the response, once however often it is asked, and inside the page's own
/// SELECT (a subquery) unless there is no row to carry it.
/// </summary>
public sealed class TotalCountTests : IDisposable
{
    private readonly SqliteItems _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Without_total_count_in_the_selection_only_the_page_is_read()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 5) { pageInfo { hasNextPage } nodes { id } } }")).Data();

        Assert.Equal(5, data.GetProperty("items").Ids().Length);
        Assert.Single(_sqlite.Recorder.Recorded);
        Assert.Empty(_sqlite.Recorder.Counts);
    }

    [Fact]
    public async Task With_total_count_selected_the_page_statement_also_counts()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 5) { totalCount nodes { id } } }")).Data();

        Assert.Equal(200, data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Equal(5, data.GetProperty("items").Ids().Length);
        var page = Assert.Single(_sqlite.Recorder.Recorded);
        Assert.Contains("SELECT COUNT(*)", page.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_count_is_of_the_filtered_list_not_the_page()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 3, where: { group: { eq: \"beta\" } }) { totalCount nodes { id } } }")).Data();

        Assert.Equal(ItemData.All.Count(i => i.Group == "beta"), data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Equal(3, data.GetProperty("items").Ids().Length);
    }

    [Fact]
    public async Task A_first_page_that_holds_the_whole_list_is_one_statement()
    {
        var expected = ItemData.All.Count(i => i.Name == "chair" && i.Price == 100.10m && i.Stock == 0);

        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 50, where: { name: { eq: \"chair\" }, price: { eq: 100.10 }, stock: { eq: 0 } }) { totalCount nodes { id } } }")).Data();

        Assert.InRange(expected, 1, 49);
        Assert.Equal(expected, data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Single(_sqlite.Recorder.Recorded);
    }

    [Fact]
    public async Task A_last_page_after_a_cursor_still_counts_the_whole_list()
    {
        var first = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 50) { pageInfo { endCursor } } }")).Data();
        var cursor = first.GetProperty("items").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        _sqlite.Recorder.Reset();

        var data = (await ItemsGraph.ExecuteAsync(_sqlite, $"{{ items(first: 50, after: \"{cursor}\", where: {{ id: {{ lte: 60 }} }}) {{ totalCount nodes {{ id }} }} }}")).Data();

        Assert.Equal(10, data.GetProperty("items").Ids().Length);
        Assert.Equal(60, data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Single(_sqlite.Recorder.Counts);
    }

    [Fact]
    public async Task An_empty_page_after_a_cursor_counts_in_a_statement_of_its_own()
    {
        var first = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 50, where: { id: { lte: 60 } }) { pageInfo { hasNextPage } } last: items(last: 1, where: { id: { lte: 60 } }) { pageInfo { endCursor } } }")).Data();
        var cursor = first.GetProperty("last").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        _sqlite.Recorder.Reset();

        var data = (await ItemsGraph.ExecuteAsync(_sqlite, $"{{ items(first: 5, after: \"{cursor}\", where: {{ id: {{ lte: 60 }} }}) {{ totalCount nodes {{ id }} }} }}")).Data();

        Assert.Empty(data.GetProperty("items").Ids());
        Assert.Equal(60, data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, _sqlite.Recorder.Recorded.Count);
    }

    [Fact]
    public async Task Total_count_in_a_fragment_is_counted()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 1) { ...Counted } } fragment Counted on ItemConnection { totalCount }")).Data();

        Assert.Equal(200, data.GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Single(_sqlite.Recorder.Counts);
    }

    [Fact]
    public async Task Total_count_skipped_by_a_directive_is_not_counted()
    {
        (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 1) { totalCount @skip(if: true) nodes { id } } }")).Data();

        Assert.Empty(_sqlite.Recorder.Counts);
    }

    [Fact]
    public async Task Aliased_total_counts_share_one_count()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ items(first: 1) { a: totalCount b: totalCount } }")).Data();

        Assert.Equal(200, data.GetProperty("items").GetProperty("a").GetInt32());
        Assert.Equal(200, data.GetProperty("items").GetProperty("b").GetInt32());
        Assert.Single(_sqlite.Recorder.Counts);
    }

    [Fact]
    public async Task A_nested_connection_counts_only_where_selected()
    {
        var data = (await ItemsGraph.ExecuteAsync(_sqlite, "{ groups { name items(first: 2) { totalCount nodes { id } } } items(first: 2) { nodes { id } } }")).Data();

        var groups = data.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(ItemData.All.Count(i => i.Group == "alpha"), groups[0].GetProperty("items").GetProperty("totalCount").GetInt32());
        Assert.Equal(ItemData.All.Count(i => i.Group == "beta"), groups[1].GetProperty("items").GetProperty("totalCount").GetInt32());
        // Each group's page carries its count; the root page selects none.
        Assert.Equal(2, _sqlite.Recorder.Counts.Count);
        Assert.Equal(3, _sqlite.Recorder.Recorded.Count);
    }
}
