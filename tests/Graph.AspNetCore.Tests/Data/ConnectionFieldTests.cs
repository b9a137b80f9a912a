using System.Text.Json;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>The connection field end to end: a nested, scoped connection paged both ways through GraphQL.</summary>
public class ConnectionFieldTests(SqliteItems sqlite) : IClassFixture<SqliteItems>
{
    private const string Page = """
        query ($first: Int, $after: String, $last: Int, $before: String) {
          groups {
            name
            items(first: $first, after: $after, last: $last, before: $before, order: [{ createdAt: DESC }, { price: ASC }], where: { inStock: { eq: true } }) {
              edges { cursor node { id group } }
              nodes { id }
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            }
          }
        }
        """;

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_scoped_connection_pages_forwards_and_backwards_through_graphql(string backend)
    {
        var items = backend == "sqlite" ? (ItemsBackend)sqlite : new MemoryItems();
        var expected = ItemData.All.Where(i => i.Group == "alpha" && i.Stock > 0)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Price).ThenBy(i => i.Id).Select(i => i.Id).ToList();

        var forwards = new List<int>();
        string? after = null;
        do
        {
            var connection = await AlphaAsync(items, new { first = 9, after });
            forwards.AddRange(connection.Ids());
            after = Next(connection, "hasNextPage", "endCursor");
        }
        while (after is not null);

        var backwards = new List<int>();
        string? before = null;
        do
        {
            var connection = await AlphaAsync(items, new { last = 9, before });
            backwards.InsertRange(0, connection.Ids());
            before = Next(connection, "hasPreviousPage", "startCursor");
        }
        while (before is not null);

        Assert.Equal(expected, forwards);
        Assert.Equal(expected, backwards);
    }

    private static async Task<JsonElement> AlphaAsync(ItemsBackend items, object variables)
    {
        var data = (await ItemsGraph.ExecuteAsync(items, Page, JsonSerializer.Serialize(variables))).Data();
        var alpha = data.GetProperty("groups")[0];
        Assert.Equal("alpha", alpha.GetProperty("name").GetString());
        var connection = alpha.GetProperty("items");
        var edges = connection.GetProperty("edges").EnumerateArray().ToList();
        Assert.All(edges, edge => Assert.Equal("alpha", edge.GetProperty("node").GetProperty("group").GetString()));
        Assert.Equal(edges.Select(edge => edge.GetProperty("node").GetProperty("id").GetInt32()), connection.Ids());
        Assert.Equal(edges[0].GetProperty("cursor").GetString(), connection.GetProperty("pageInfo").GetProperty("startCursor").GetString());
        Assert.Equal(edges[^1].GetProperty("cursor").GetString(), connection.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        return connection;
    }

    private static string? Next(JsonElement connection, string flag, string cursor)
    {
        var pageInfo = connection.GetProperty("pageInfo");
        return pageInfo.GetProperty(flag).GetBoolean() ? pageInfo.GetProperty(cursor).GetString() : null;
    }
}
