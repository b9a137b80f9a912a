using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// The tools a frontend points at the running server (real socket, Development: introspection on):
/// graphql-js rebuilding the schema from the current specification's introspection, GraphQL Code
/// Generator through its URL loader, and relay-compiler over the introspected SDL.
/// </summary>
public sealed class SchemaToolingTests : IDisposable
{
    private readonly KestrelShopServer _server = new();

    public void Dispose() => _server.Dispose();

    private string Url => _server.GraphQLEndpoint.ToString();

    [Fact]
    public async Task The_introspected_schema_is_the_exported_schema()
    {
        var result = await NodeJson.RunAsync("introspection.mjs", Url, RepositoryPaths.Schema);

        Assert.True((bool)result["samePrinted"]!, "graphql-js prints the introspected schema and schema/schema.graphql differently");
        Assert.Empty(result["dangerous"]!.AsArray());
        Assert.Empty(result["breakingReverse"]!.AsArray());
        Assert.Empty(result["dangerousReverse"]!.AsArray());

        // The one difference graphql-js sees: its own @deprecated (which it supplies, since the SDL does not
        // redefine a built-in directive) also allows DIRECTIVE_DEFINITION, for the experimental deprecation of
        // directives, which is in no released specification and which the server does not offer.
        Assert.Equal(["DIRECTIVE_LOCATION_REMOVED: DIRECTIVE_DEFINITION was removed from deprecated."], result["breaking"].Strings());

        Assert.Equal("https://www.rfc-editor.org/rfc/rfc3339#section-5.6", result["scalars"]!["DateTime"]!.ToString());
        Assert.Equal("https://scalars.graphql.org/chillicream/decimal.html", result["scalars"]!["Decimal"]!.ToString());
        Assert.Superset(
            new HashSet<string> { "skip", "include", "deprecated", "specifiedBy", "oneOf", "authorize", "cost", "listSize" },
            result["directives"].Strings().ToHashSet());
    }

    [Fact]
    public async Task Code_generator_types_the_frontend_documents_from_the_server_url()
    {
        var output = Path.Combine(RepositoryPaths.EndToEnd, "artifacts", "codegen");

        var result = await NodeJson.RunAsync("codegen.mjs", Url, RepositoryPaths.Operations, output);

        // The URL loader, given the options, sent the current specification's introspection query.
        var query = Assert.Single(result["introspectionQueries"]!.AsArray())!;
        foreach (var feature in new[] { "specifiedByURL", "isRepeatable", "fieldArgsIncludeDeprecated", "directiveArgsIncludeDeprecated", "inputFieldsIncludeDeprecated", "inputValueIsDeprecated" })
        {
            Assert.True((bool)query[feature]!, $"the introspection query codegen sent lacks {feature}");
        }

        // DateTime and Decimal are typed from the URL the server gives (strictScalars: none left untyped).
        Assert.Equal("string", result["scalars"]!["DateTime"]!.ToString());
        Assert.Equal("number", result["scalars"]!["Decimal"]!.ToString());
        var content = result["content"]!.ToString();
        Assert.Contains("DateTime: { input: string; output: string; }", content, StringComparison.Ordinal);
        Assert.Contains("Decimal: { input: number; output: number; }", content, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown; output: unknown", content, StringComparison.Ordinal);
        Assert.DoesNotContain("any; output: any", content, StringComparison.Ordinal);

        // Every frontend operation has its types, with the scalars resolved in them.
        foreach (var operation in OperationNames())
        {
            Assert.Contains($"export type {operation}", content, StringComparison.Ordinal);
        }

        Assert.Matches(@"export type StorefrontQuery = \{.*price: number,.*\};", content);
        Assert.True(File.Exists(Path.Combine(output, "graphql.ts")));
    }

    [Fact]
    public async Task Relay_compiler_compiles_documents_against_the_introspected_schema_and_its_queries_run()
    {
        var result = await NodeJson.RunAsync("relay.mjs", Url);

        Assert.Equal(
            [
                "ProductDetailsQuery.graphql.ts",
                "ProductDetailsRefetchQuery.graphql.ts",
                "ProductDetails_product.graphql.ts",
                "StorefrontProductsPaginationQuery.graphql.ts",
                "StorefrontProducts_query.graphql.ts",
                "StorefrontQuery.graphql.ts",
            ],
            result["artifacts"].Strings());
        var fragment = result["productFragment"]!.ToString();
        Assert.Contains("readonly price: number;", fragment, StringComparison.Ordinal);
        Assert.Contains("readonly createdAt: string;", fragment, StringComparison.Ordinal);
        Assert.Contains("node(id: $id)", result["refetchQuery"]!.ToString(), StringComparison.Ordinal);

        // What Relay sends, the server answers: the connection pages, the refetch by node id, and
        // nodes(ids:) with one id that is not an id (null with its own error; the others arrive).
        var executed = result["executed"]!;
        foreach (var name in new[] { "StorefrontQuery", "StorefrontProductsPaginationQuery", "ProductDetailsRefetchQuery" })
        {
            Assert.Equal(200, (int)executed[name]!["status"]!);
            Assert.Empty(executed[name]!["errors"]!.AsArray());
        }

        Assert.Equal(2, executed["StorefrontProductsPaginationQuery"]!["data"]!["products"]!["edges"]!.AsArray().Count);
        Assert.Equal("Classic Novel", executed["ProductDetailsRefetchQuery"]!["data"]!["node"]!["name"]!.ToString());
        var details = executed["ProductDetailsQuery"]!;
        var nodes = details["data"]!["nodes"]!.AsArray();
        Assert.NotNull(nodes[0]);
        Assert.Null(nodes[1]);
        var error = Assert.Single(details["errors"]!.AsArray())!;
        Assert.Equal("INVALID_ID", error["extensions"]!["code"]!.ToString());
        Assert.Equal(["nodes", "1"], error["path"].Strings());
        Assert.Equal("Classic Novel", details["data"]!["node"]!["name"]!.ToString());
    }

    private static IEnumerable<string> OperationNames() =>
        Directory.GetFiles(RepositoryPaths.Operations, "*.graphql")
            .SelectMany(f => GraphQLParser.Parser.Parse(File.ReadAllText(f)).Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>())
            .Select(o => o.Name!.StringValue + (o.Operation switch
            {
                GraphQLParser.AST.OperationType.Mutation => "Mutation",
                GraphQLParser.AST.OperationType.Subscription => "Subscription",
                _ => "Query",
            }));
}
