using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// Bad paging arguments, cursors and filters are GraphQL errors on the field, with a code in
/// <c>extensions</c>: never a crash, never a silent cut, and never a query.
/// </summary>
public class ArgumentErrorTests
{
    [Theory]
    [InlineData("first: 51", "PAGING_LIMIT_EXCEEDED")]
    [InlineData("last: 51", "PAGING_LIMIT_EXCEEDED")]
    [InlineData("first: 1000000", "PAGING_LIMIT_EXCEEDED")]
    [InlineData("first: -1", "PAGING_INVALID")]
    [InlineData("last: -5", "PAGING_INVALID")]
    [InlineData("first: 5, last: 5", "PAGING_INVALID")]
    [InlineData("after: \"garbage\"", "PAGING_INVALID_CURSOR")]
    [InlineData("before: \"!!!not base64!!!\"", "PAGING_INVALID_CURSOR")]
    [InlineData("after: \"\"", "PAGING_INVALID_CURSOR")]
    [InlineData("first: 5, after: \"WzEsMiwzXQ==\"", "PAGING_INVALID_CURSOR")]
    public async Task A_bad_argument_is_an_error_on_the_field_with_a_code(string arguments, string code)
    {
        var response = await ItemsGraph.ExecuteAsync(new MemoryItems(), $"{{ items({arguments}) {{ nodes {{ id }} }} groups {{ name }} }}");

        var error = response.SingleError();
        Assert.Equal(code, error.Code());
        Assert.Equal("items", Assert.Single(error.GetProperty("path").EnumerateArray().ToList()).GetString());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").GetProperty("items").ValueKind);
        Assert.Equal(2, response.GetProperty("data").GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Fifty_is_allowed()
    {
        var data = (await ItemsGraph.ExecuteAsync(new MemoryItems(), "{ items(first: 50) { nodes { id } } }")).Data();

        Assert.Equal(50, data.GetProperty("items").Ids().Length);
    }

    [Fact]
    public async Task No_arguments_give_the_default_page_of_ten()
    {
        var data = (await ItemsGraph.ExecuteAsync(new MemoryItems(), "{ items { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }")).Data();

        Assert.Equal(Enumerable.Range(1, 10), data.GetProperty("items").Ids());
        Assert.True(data.GetProperty("items").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(data.GetProperty("items").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task A_cursor_of_another_order_is_refused()
    {
        var items = new MemoryItems();
        var byPrice = (await ItemsGraph.ExecuteAsync(items, "{ items(first: 3, order: [{ price: ASC }]) { pageInfo { endCursor } } }")).Data();
        var cursor = byPrice.GetProperty("items").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await ItemsGraph.ExecuteAsync(items, $"{{ items(first: 3, after: \"{cursor}\", order: [{{ price: DESC }}]) {{ nodes {{ id }} }} }}");

        Assert.Equal("PAGING_INVALID_CURSOR", response.SingleError().Code());
    }

    [Fact]
    public async Task A_cursor_whose_values_were_tampered_with_is_refused()
    {
        var items = new MemoryItems();
        var page = (await ItemsGraph.ExecuteAsync(items, "{ items(first: 3, order: [{ createdAt: ASC }]) { pageInfo { endCursor } } }")).Data();
        var cursor = page.GetProperty("items").GetProperty("pageInfo").GetProperty("endCursor").GetString()!;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));

        foreach (var tampered in new[] { json.Replace("2024", "not a date", StringComparison.Ordinal), json.Replace("]", ",1]", StringComparison.Ordinal), "[", "{}", "[[[[[]]]]]" })
        {
            var bad = Convert.ToBase64String(Encoding.UTF8.GetBytes(tampered));
            var response = await ItemsGraph.ExecuteAsync(items, $"{{ items(first: 3, after: \"{bad}\", order: [{{ createdAt: ASC }}]) {{ nodes {{ id }} }} }}");
            Assert.Equal("PAGING_INVALID_CURSOR", response.SingleError().Code());
        }
    }

    [Fact]
    public async Task Random_garbage_cursors_never_crash()
    {
        var random = new Random(3);
        var items = new MemoryItems();
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 80)];
            random.NextBytes(bytes);
            var cursor = i % 2 == 0 ? Convert.ToBase64String(bytes) : Encoding.Latin1.GetString(bytes).Replace("\"", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal);

            var response = await ItemsGraph.ExecuteAsync(items, "query($c: String) { items(first: 2, after: $c, order: [{ name: ASC }]) { nodes { id } } }", JsonSerializer.Serialize(new { c = cursor }));

            if (response.TryGetProperty("errors", out _))
            {
                Assert.Equal("PAGING_INVALID_CURSOR", response.SingleError().Code());
            }
        }
    }

    [Fact]
    public async Task An_over_long_cursor_is_refused_unread()
    {
        var cursor = Convert.ToBase64String(new byte[100_000]);

        var response = await ItemsGraph.ExecuteAsync(new MemoryItems(), "query($c: String) { items(after: $c) { nodes { id } } }", JsonSerializer.Serialize(new { c = cursor }));

        Assert.Equal("PAGING_INVALID_CURSOR", response.SingleError().Code());
    }

    [Fact]
    public async Task Filters_nested_too_deep_are_refused()
    {
        var where = "{ price: { gt: 1 } }";
        for (var i = 0; i < 6; i++)
        {
            where = $"{{ and: [{where}] }}";
        }

        var response = await ItemsGraph.ExecuteAsync(new MemoryItems(), $"{{ items(where: {where}) {{ nodes {{ id }} }} }}");

        Assert.Equal("FILTER_TOO_DEEP", response.SingleError().Code());
    }

    [Fact]
    public async Task Filters_nested_to_the_limit_are_accepted()
    {
        var where = "{ price: { gt: 1 } }";
        for (var i = 0; i < 5; i++)
        {
            where = $"{{ or: [{where}] }}";
        }

        (await ItemsGraph.ExecuteAsync(new MemoryItems(), $"{{ items(where: {where}) {{ nodes {{ id }} }} }}")).Data();
    }

    [Fact]
    public async Task Too_long_in_lists_are_refused()
    {
        var values = string.Join(", ", Enumerable.Range(0, 101));

        var response = await ItemsGraph.ExecuteAsync(new MemoryItems(), $"{{ items(where: {{ stock: {{ nin: [{values}] }} }}) {{ nodes {{ id }} }} }}");

        Assert.Equal("FILTER_LIST_TOO_LONG", response.SingleError().Code());
    }

    [Fact]
    public async Task Filters_with_too_many_conditions_are_refused()
    {
        var branches = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"{{ stock: {{ eq: {i} }} }}"));

        var response = await ItemsGraph.ExecuteAsync(new MemoryItems(), $"{{ items(where: {{ or: [{branches}] }}) {{ nodes {{ id }} }} }}");

        Assert.Equal("FILTER_TOO_COMPLEX", response.SingleError().Code());
    }

    [Fact]
    public async Task A_refused_request_sends_no_sql()
    {
        using var sqlite = new SqliteItems();

        var response = await ItemsGraph.ExecuteAsync(sqlite, "{ items(first: 3, after: \"garbage\") { totalCount nodes { id } } }");

        Assert.Equal("PAGING_INVALID_CURSOR", response.SingleError().Code());
        Assert.Empty(sqlite.Recorder.Recorded);
    }

    [Fact]
    public async Task The_code_is_in_the_serialized_extensions()
    {
        await using var services = new ServiceCollection().AddSingleton<ItemsBackend>(new MemoryItems()).BuildServiceProvider();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = new ItemsSchema(),
            Query = "{ items(first: 51) { nodes { id } } }",
            RequestServices = services,
        });

        var json = new GraphQLSerializer().Serialize(result);
        Assert.Contains("\"extensions\":{\"code\":\"PAGING_LIMIT_EXCEEDED\"", json, StringComparison.Ordinal);
        Assert.Contains("at most 50", json, StringComparison.Ordinal);
    }
}
