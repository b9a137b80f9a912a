using Graph.AspNetCore.Data;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>The SDL the mechanism produces: the contract's names and shapes.</summary>
public class SchemaShapeTests
{
    private static string Sdl()
    {
        var schema = new ItemsSchema();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = false }).ReplaceLineEndings("\n");
    }

    [Fact]
    public void Connection_field_has_the_relay_arguments_then_where_and_order()
    {
        Assert.Contains(
            "items(first: Int, after: String, last: Int, before: String, where: ItemFilterInput, order: [ItemSortInput!]): ItemConnection",
            Sdl().Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_edge_and_page_info_types_have_the_relay_shape()
    {
        var sdl = Sdl();

        Assert.Contains("type ItemConnection {", sdl, StringComparison.Ordinal);
        Assert.Contains("  edges: [ItemEdge!]!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  nodes: [Item!]!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  pageInfo: PageInfo!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  totalCount: Int! @cost(weight: \"10\")\n", sdl, StringComparison.Ordinal);
        Assert.Contains("type ItemEdge {", sdl, StringComparison.Ordinal);
        Assert.Contains("  cursor: String!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  node: Item!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("type PageInfo {", sdl, StringComparison.Ordinal);
        Assert.Contains("  hasNextPage: Boolean!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  hasPreviousPage: Boolean!\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  startCursor: String\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  endCursor: String\n", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_input_has_and_or_and_an_operation_input_per_scalar_kind()
    {
        var sdl = Sdl();

        Assert.Contains("input ItemFilterInput {", sdl, StringComparison.Ordinal);
        Assert.Contains("  and: [ItemFilterInput!]\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  or: [ItemFilterInput!]\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  name: StringOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  price: DecimalOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  inStock: BooleanOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  stock: IntOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  rating: IntOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  weight: LongOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  createdAt: DateTimeOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  status: ItemStatusOperationFilterInput\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  code: GuidOperationFilterInput\n", sdl, StringComparison.Ordinal);

        Assert.Contains("input StringOperationFilterInput {", sdl, StringComparison.Ordinal);
        Assert.Contains("  startsWith: String\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  in: [String!]\n", sdl, StringComparison.Ordinal);
        Assert.Contains("input DecimalOperationFilterInput {", sdl, StringComparison.Ordinal);
        Assert.Contains("  lte: Decimal\n", sdl, StringComparison.Ordinal);
        Assert.Contains("input ItemStatusOperationFilterInput {", sdl, StringComparison.Ordinal);
        Assert.Contains("  nin: [ItemStatus!]\n", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public void Sort_input_fields_are_sort_enums()
    {
        var sdl = Sdl();

        Assert.Contains("input ItemSortInput {", sdl, StringComparison.Ordinal);
        Assert.Contains("  price: SortEnumType\n", sdl, StringComparison.Ordinal);
        Assert.Contains("enum SortEnumType {", sdl, StringComparison.Ordinal);
        Assert.Contains("  ASC\n", sdl, StringComparison.Ordinal);
        Assert.Contains("  DESC\n", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_field_is_an_ordinary_input_field_that_carries_metadata()
    {
        var schema = new ItemsSchema();
        schema.Initialize();

        var filter = Assert.IsAssignableFrom<IInputObjectGraphType>(schema.AllTypes["ItemFilterInput"]);
        var stock = filter.GetField("stock")!;

        Assert.Equal("STAFF", stock.GetMetadata<string>(ItemFilterInputType.RequiresRole));
        Assert.Equal("Exact stock.", stock.Description);
    }

    [Fact]
    public async Task Graph_types_resolve_through_dependency_injection_as_the_shop_registers_them()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<ItemsBackend>(new MemoryItems())
            .AddGraphQL(builder => builder
                .AddSchema<ItemsSchema>()
                .AddGraphTypes(typeof(ConnectionType<>).Assembly)
                .AddGraphTypes(typeof(ItemsSchema).Assembly))
            .BuildServiceProvider();

        var schema = services.GetRequiredService<ItemsSchema>();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = "{ items(first: 2, where: { status: { eq: ACTIVE } }, order: [{ price: DESC }]) { totalCount nodes { id } } }",
            RequestServices = services,
        });

        Assert.Null(result.Errors);
        Assert.Contains("ItemConnection", schema.AllTypes.Select(t => t.Name));
    }

    [Fact]
    public void A_node_type_whose_graphql_name_differs_from_its_class_name_is_refused_at_schema_build()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Connection<MisnamedItemType, object?, Item>("items")
            .Key(i => i.Id)
            .ResolveAsync((_, _) => throw new InvalidOperationException());
        var schema = new Schema { Query = query };

        var error = Assert.Throws<InvalidOperationException>(schema.Initialize);
        Assert.Contains("Thing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_without_a_key_is_refused_when_declared()
    {
        var query = new ObjectGraphType { Name = "Query" };

        var error = Assert.Throws<InvalidOperationException>(() =>
            query.Connection<ItemType, object?, Item>("items").ResolveAsync((_, _) => throw new InvalidOperationException()));
        Assert.Contains("Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_sort_and_filter_types_are_refused_when_declared()
    {
        Assert.Throws<ArgumentException>(() => SortKey.Create("rating", (Item i) => i.Rating));
        Assert.Throws<ArgumentException>(() => SortKey.Create("bytes", (Item i) => i.Code.ToByteArray()));
        Assert.Throws<ArgumentException>(() => new BadFilterInputType());
    }

    private sealed class MisnamedItemType : ObjectGraphType<Item>
    {
        public MisnamedItemType()
        {
            Name = "Thing";
            Field(i => i.Id);
        }
    }

    private sealed class BadFilterInputType : FilterInputType<Item>
    {
        public BadFilterInputType()
        {
            Field("bytes", i => i.Code.ToByteArray());
        }
    }
}
