using Graph.AspNetCore.Limits.Cost;
using System.Text.Json;
using Graph.AspNetCore.Data;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>A field's own default order and page sizes.</summary>
public class ConnectionOptionsTests
{
    private static readonly Schema Schema = CreateSchema();

    [Fact]
    public async Task Without_an_order_argument_the_default_order_applies()
    {
        var ids = Ids(await ExecuteAsync("{ items(first: 30) { nodes { id } } }"));

        Assert.Equal(ItemData.All.OrderByDescending(i => i.Price).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id).Take(30).Select(i => i.Id), ids);
    }

    [Fact]
    public async Task An_order_argument_replaces_the_default_order()
    {
        var ids = Ids(await ExecuteAsync("{ items(first: 30, order: [{ stock: ASC }]) { nodes { id } } }"));

        Assert.Equal(ItemData.All.OrderBy(i => i.Stock).ThenBy(i => i.Id).Take(30).Select(i => i.Id), ids);
    }

    [Fact]
    public async Task The_page_sizes_are_the_fields_own()
    {
        Assert.Equal(20, Ids(await ExecuteAsync("{ items { nodes { id } } }")).Count);
        Assert.Equal(100, Ids(await ExecuteAsync("{ items(last: 100) { nodes { id } } }")).Count);

        var refused = await ExecuteAsync("{ items(first: 101) { nodes { id } } }");
        Assert.Equal("PAGING_LIMIT_EXCEEDED", refused.SingleError().Code());
        Assert.Contains("at most 100", refused.SingleError().GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<int> Ids(JsonElement response) => [.. response.Data().GetProperty("items").Ids()];

    private static async Task<JsonElement> ExecuteAsync(string query)
    {
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = Schema, Query = query });
        using var document = JsonDocument.Parse(new GraphQLSerializer().Serialize(result));
        return document.RootElement.Clone();
    }

    private static Schema CreateSchema()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Connection<ItemType, object?, Item>("items")
            .Key(i => i.Id)
            .Sort<ItemSortInputType>()
            .DefaultOrder(i => i.Price, SortDirection.Descending)
            .DefaultOrder(i => i.Name)
            .Paging(defaultPageSize: 20, maxPageSize: 100)
            .ResolveAsync((context, request) => request.ExecuteAsync(ItemData.All.AsQueryable(), context.CancellationToken));
        var schema = new Schema { Query = query };
        schema.RegisterCostDirectives();
        return schema;
    }
}
