using System.Text.Json;
using Graph.AspNetCore.Data;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Graph.AspNetCore.Limits.Cost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// A connection of a type that opted in (<see cref="ProjectionExtensions"/>) reads only the columns its
/// selection needs, with the same answer as reading whole rows; a field that says nothing of what it
/// reads, or a type that did not opt in, reads whole rows.
/// </summary>
public sealed class ProjectionTests : IDisposable
{
    private static readonly ProjectedItemsSchema Schema = new();
    private readonly SqliteItems _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    public static TheoryData<string> Lists => new() { "items", "scopedItems" };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_page_reads_the_columns_of_the_selected_fields_and_the_key(string list)
    {
        var data = await ExecuteAsync($$"""{ {{list}}(first: 5, order: [{ price: DESC }]) { nodes { name inStock } pageInfo { endCursor } } }""");

        var sql = Assert.Single(_sqlite.Recorder.Recorded).Sql;
        var selected = SelectList(sql);
        Assert.Contains("\"Name\"", selected, StringComparison.Ordinal);
        Assert.Contains("\"Stock\"", selected, StringComparison.Ordinal);
        Assert.Contains("\"Id\"", selected, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Note\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CreatedAt\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Code\"", sql, StringComparison.Ordinal);

        var expected = ItemData.All.Where(i => list == "items" || i.Group == "alpha")
            .OrderByDescending(i => i.Price).ThenBy(i => i.Id).Take(5)
            .Select(i => $"{i.Name}:{i.Stock > 0}");
        Assert.Equal(expected, data.GetProperty(list).GetProperty("nodes").EnumerateArray().Select(n => $"{n.GetProperty("name").GetString()}:{n.GetProperty("inStock").GetBoolean()}"));
    }

    [Fact]
    public async Task Fields_under_edges_and_in_fragments_are_read_too()
    {
        var data = await ExecuteAsync("""
            query { items(first: 3) { edges { node { ...Named } } ... on ProjectedItemConnection { nodes { ... on ProjectedItem { price } } } } }
            fragment Named on ProjectedItem { name }
            """);

        var selected = SelectList(Assert.Single(_sqlite.Recorder.Recorded).Sql);
        Assert.Contains("\"Name\"", selected, StringComparison.Ordinal);
        Assert.Contains("\"Price\"", selected, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Note\"", selected, StringComparison.Ordinal);
        var expected = ItemData.All.OrderBy(i => i.Id).Take(3).ToList();
        Assert.Equal(expected.Select(i => i.Name), data.GetProperty("items").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()));
        Assert.Equal(expected.Select(i => i.Price), data.GetProperty("items").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("price").GetDecimal()));
    }

    [Fact]
    public async Task A_selected_field_that_declares_nothing_reads_whole_rows()
    {
        var data = await ExecuteAsync("{ items(first: 2) { nodes { name noteOrName } } }");

        var selected = SelectList(Assert.Single(_sqlite.Recorder.Recorded).Sql);
        Assert.Contains("\"Note\"", selected, StringComparison.Ordinal);
        Assert.Contains("\"CreatedAt\"", selected, StringComparison.Ordinal);
        var expected = ItemData.All.OrderBy(i => i.Id).Take(2).Select(i => i.Note ?? i.Name);
        Assert.Equal(expected, data.GetProperty("items").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("noteOrName").GetString()));
    }

    [Fact]
    public async Task Two_selections_of_one_field_are_two_queries_each_with_its_own_columns()
    {
        var byName = await ExecuteAsync("{ items(first: 4) { nodes { name } } }");
        var byNameSql = SelectList(Assert.Single(_sqlite.Recorder.Recorded).Sql);
        var byPrice = await ExecuteAsync("{ items(first: 4) { nodes { price } } }");
        var byPriceSql = SelectList(Assert.Single(_sqlite.Recorder.Recorded).Sql);

        var expected = ItemData.All.OrderBy(i => i.Id).Take(4).ToList();
        Assert.Equal(expected.Select(i => i.Name), byName.GetProperty("items").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(expected.Select(i => i.Price), byPrice.GetProperty("items").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("price").GetDecimal()));
        Assert.DoesNotContain("\"Price\"", byNameSql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Name\"", byPriceSql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_selected_members_is_worked_out_once_per_key_with_the_key_added_in_order()
    {
        string[] selected = ["Price", "Name"];
        var key = SortKey.Create("id", (Item i) => i.Id);

        var projection = EntityProjection.For(key, selected);

        Assert.Equal(["Id", "Name", "Price"], projection.Members!);
        Assert.Equal("Id,Name,Price", projection.Text);
        Assert.Same(projection, EntityProjection.For(key, selected));
        Assert.NotSame(projection, EntityProjection.For(SortKey.Create("id", (Item i) => i.Id), selected));
        Assert.Null(EntityProjection.For(key, ["Name", "NoSuchMember"]).Members);
    }

    [Fact]
    public void Field_of_a_member_carries_graphql_dotnets_record_of_the_member()
    {
        // Projection relies on it for Field(x => x.Member): a graphql-dotnet upgrade that renames it fails here.
        var field = new ProjectedItemType().GetField(nameof(Item.Price))!;
        Assert.Equal(nameof(Item.Price), field.GetMetadata<string>(ProjectionExtensions.ExpressionMemberMetadata));
    }

    // The SELECT list of the outermost statement.
    private static string SelectList(string sql) => sql[..sql.IndexOf("FROM", StringComparison.Ordinal)];

    private async Task<JsonElement> ExecuteAsync(string query)
    {
        _sqlite.Recorder.Reset();
        await using var services = new ServiceCollection().AddSingleton<ItemsBackend>(_sqlite).BuildServiceProvider();
        var serializer = new GraphQLSerializer();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = Schema, Query = query, RequestServices = services });
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.Clone().Data();
    }

    private sealed class ProjectedItemType : ObjectGraphType<Item>
    {
        public ProjectedItemType()
        {
            Name = "ProjectedItem";
            this.ReadsSelectedMembersOnly();
            Field(i => i.Id);
            Field(i => i.Name);
            Field(i => i.Price);
            Field<NonNullGraphType<BooleanGraphType>, bool>("inStock").Resolve(context => context.Source.Stock > 0).Reads(i => i.Stock);
            Field<NonNullGraphType<StringGraphType>, string>("noteOrName").Resolve(context => context.Source.Note ?? context.Source.Name);
        }
    }

    private sealed class ProjectedItemsQuery : ObjectGraphType
    {
        public ProjectedItemsQuery()
        {
            Name = "Query";
            this.Connection<ProjectedItemType, object?, Item>("items")
                .Key(i => i.Id)
                .Sort<ItemSortInputType>()
                .ResolveAsync((context, request) => Backend(context).PageAsync(request, cancellationToken: context.CancellationToken));

            // Read through the query built for each request (a scoped source), not a compiled one.
            this.Connection<ProjectedItemType, object?, Item>("scopedItems")
                .Key(i => i.Id)
                .Sort<ItemSortInputType>()
                .ResolveAsync((context, request) => Backend(context).PageAsync(request, items => items.Where(i => i.Group == "alpha"), context.CancellationToken));
        }

        private static ItemsBackend Backend(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ItemsBackend>();
    }

    private sealed class ProjectedItemsSchema : Schema
    {
        public ProjectedItemsSchema()
        {
            this.RegisterCostDirectives();
            Query = new ProjectedItemsQuery();
        }
    }
}
