using Graph.AspNetCore.Limits.Cost;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Tests.Limits;

/// <summary>The IBM cost model on a small schema: weights, list sizes, slicing arguments, sized fields, fragments.</summary>
public class CostAnalyzerTests
{
    private static readonly CostAnalyzer Analyzer = new(new CostSchema());

    [Theory]
    [InlineData("{ name }", 0)] // a scalar weighs nothing
    [InlineData("{ shelf { name } }", 1)] // an object weighs 1
    [InlineData("{ heavy }", 7)] // @cost on the field
    [InlineData("{ shelves { name } }", 10)] // a list without @listSize: the default size
    [InlineData("{ few { name } }", 3)] // @listSize(assumedSize: 3)
    [InlineData("{ page { nodes { name } } }", 6)] // a connection without a slicing argument: 1 + assumedSize × 1
    [InlineData("{ page(first: 20) { nodes { name } edges { node { name } } } }", 61)] // 1 + 20 × 1 + 20 × (1 + 1)
    [InlineData("{ page(first: 2, last: 4) { nodes { name } } }", 5)] // the largest slicing argument counts
    [InlineData("{ page(first: 10) { nodes { page(first: 10) { nodes { name } } } } }", 121)] // 1 + 10 × (1 + 1 + 10)
    [InlineData("{ few { shelves { name } } }", 33)] // 3 × (1 + 10)
    [InlineData("{ ...F } fragment F on Query { shelf { name } }", 1)]
    [InlineData("{ ...F ...F } fragment F on Query { shelf { name } }", 2)]
    [InlineData("{ page(first: 5) { ...P } } fragment P on ShelfConnection { nodes { name } }", 6)] // sized fields reach through fragments
    [InlineData("{ ... on Query { shelf { name } } }", 1)]
    [InlineData("{ __typename __schema { types { name } } }", 0)] // introspection counts nothing
    [InlineData("{ nope { name } shelf { nope } }", 1)] // unknown fields count nothing
    [InlineData("{ ...A } fragment A on Query { shelf { name } ...B } fragment B on Query { ...A }", 1)] // a cycle ends
    public void Estimates_the_cost_of_a_document(string text, double expected)
    {
        var document = Parser.Parse(text);

        Assert.Equal(expected, Analyzer.Estimate(document, Operation(document), null));
    }

    [Theory]
    [InlineData("""{"n": 30}""", 31)]
    [InlineData("""{}""", 8)] // the variable's default
    [InlineData("""{"n": null}""", 6)] // null: as if not given, the assumed size
    public void A_slicing_argument_may_come_from_a_variable(string variables, double expected)
    {
        var document = Parser.Parse("query ($n: Int = 7) { page(first: $n) { nodes { name } } }");
        var inputs = new GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<Inputs>(variables);

        Assert.Equal(expected, Analyzer.Estimate(document, Operation(document), inputs));
    }

    [Fact]
    public void A_repeated_operation_is_estimated_anew_when_its_variables_give_other_sizes()
    {
        // One analyzer and one syntax tree, as a cached document's requests share them.
        var analyzer = new CostAnalyzer(new CostSchema());
        var document = Parser.Parse("query ($n: Int = 7, $m: Int) { page(first: $n) { nodes { name } } few { shelves { name } } }");
        var operation = Operation(document);
        var serializer = new GraphQL.SystemTextJson.GraphQLSerializer();
        var thirty = serializer.Deserialize<Inputs>("""{"n": 30, "m": 1}""");

        Assert.Equal(31 + 33, analyzer.Estimate(document, operation, thirty));
        Assert.Equal(31 + 33, analyzer.Estimate(document, operation, serializer.Deserialize<Inputs>("""{"n": 30, "m": 2}"""))); // $m sizes nothing
        Assert.Equal(8 + 33, analyzer.Estimate(document, operation, null));
        Assert.Equal(6 + 33, analyzer.Estimate(document, operation, serializer.Deserialize<Inputs>("""{"n": null}""")));
        Assert.Equal(31 + 33, analyzer.Estimate(document, operation, thirty));
    }

    [Fact]
    public void Doubling_fragments_are_estimated_in_linear_time_and_do_not_overflow()
    {
        var text = "{ ...F59 } fragment F0 on Query { shelf { name } } "
            + string.Join(' ', Enumerable.Range(1, 59).Select(i => $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}"));
        var document = Parser.Parse(text);

        Assert.Equal(Math.Pow(2, 59), Analyzer.Estimate(document, Operation(document), null));
    }

    private static GraphQLOperationDefinition Operation(GraphQLDocument document) => document.Definitions.OfType<GraphQLOperationDefinition>().Single();

    private sealed class CostSchema : Schema
    {
        public CostSchema()
        {
            Directives.Register(new CostDirective(), new ListSizeDirective());
            Query = new QueryType();
        }
    }

    private sealed class QueryType : ObjectGraphType
    {
        public QueryType()
        {
            Name = "Query";
            Field<StringGraphType>("name");
            Field<IntGraphType>("heavy").WithCost(7);
            Field<ShelfType>("shelf");
            Field<ListGraphType<ShelfType>>("shelves");
            Field<ListGraphType<ShelfType>>("few").WithListSize(assumedSize: 3);
            Field<ShelfConnectionType>("page")
                .Argument<IntGraphType>("first")
                .Argument<IntGraphType>("last")
                .WithListSize(assumedSize: 5, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false);
        }
    }

    private sealed class ShelfType : ObjectGraphType
    {
        public ShelfType()
        {
            Name = "Shelf";
            Field<StringGraphType>("name");
            Field<ListGraphType<ShelfType>>("shelves");
            Field<ShelfConnectionType>("page")
                .Argument<IntGraphType>("first")
                .WithListSize(assumedSize: 5, slicingArguments: ["first"], sizedFields: ["nodes"]);
        }
    }

    private sealed class ShelfConnectionType : ObjectGraphType
    {
        public ShelfConnectionType()
        {
            Name = "ShelfConnection";
            Field<ListGraphType<ShelfType>>("nodes");
            Field<ListGraphType<ShelfEdgeType>>("edges");
        }
    }

    private sealed class ShelfEdgeType : ObjectGraphType
    {
        public ShelfEdgeType()
        {
            Name = "ShelfEdge";
            Field<ShelfType>("node");
        }
    }
}
