using System.Text.Json.Nodes;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary>
/// The October 2021 specification's introspection, plus deprecated arguments and input fields, as graphql-js
/// and HotChocolate answer it: what GraphiQL, graphql-config and GraphQL Code Generator ask for.
/// </summary>
public sealed class IntrospectionTests : IAsyncLifetime
{
    private CatalogHost _host = null!;

    public async Task InitializeAsync() => _host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_full_introspection_query_of_graphql_js_is_answered()
    {
        var (status, body) = await _host.PostAsync(FullIntrospectionQuery.Text);

        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        var schema = body["data"]!["__schema"]!;
        Assert.Equal("Query", schema["queryType"]!["name"]!.GetValue<string>());
        var sku = schema["types"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "Sku")!;
        Assert.Equal("https://example.com/sku", sku["specifiedByURL"]!.GetValue<string>());
        var itemBy = schema["types"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "ItemBy")!;
        Assert.True(itemBy["isOneOf"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_custom_scalar_says_what_specifies_it_and_other_types_say_null()
    {
        var data = await DataAsync("""
            { sku: __type(name: "Sku") { specifiedByURL }
              string: __type(name: "String") { specifiedByURL }
              query: __type(name: "Query") { specifiedByURL } }
            """);

        Assert.Equal("https://example.com/sku", data["sku"]!["specifiedByURL"]!.GetValue<string>());
        Assert.Null(data["string"]!["specifiedByURL"]);
        Assert.Null(data["query"]!["specifiedByURL"]);
    }

    [Fact]
    public async Task Every_directive_is_listed_with_whether_it_is_repeatable()
    {
        var data = await DataAsync("{ __schema { directives { name isRepeatable locations } } }");

        var directives = data["__schema"]!["directives"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!);
        Assert.Superset(new HashSet<string> { "skip", "include", "deprecated", "specifiedBy", "oneOf", "tag" }, directives.Keys.ToHashSet());
        Assert.True(directives["tag"]["isRepeatable"]!.GetValue<bool>());
        Assert.False(directives["skip"]["isRepeatable"]!.GetValue<bool>());
        Assert.Equal(["SCALAR"], Strings(directives["specifiedBy"]["locations"]));
        Assert.Equal(["INPUT_OBJECT"], Strings(directives["oneOf"]["locations"]));
        Assert.Superset(new HashSet<string> { "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION" }, Strings(directives["deprecated"]["locations"]).ToHashSet());
    }

    [Fact]
    public async Task The_introspection_types_list_the_fields_they_answer()
    {
        // A tool may look for a field before asking for it; graphql-dotnet's default filter hid isRepeatable.
        var data = await DataAsync("""
            { directive: __type(name: "__Directive") { fields { name } }
              type: __type(name: "__Type") { fields { name } }
              inputValue: __type(name: "__InputValue") { fields { name } } }
            """);

        Assert.Contains("isRepeatable", FieldNames(data["directive"]));
        Assert.Contains("specifiedByURL", FieldNames(data["type"]));
        Assert.Contains("isOneOf", FieldNames(data["type"]));
        Assert.Contains("isDeprecated", FieldNames(data["inputValue"]));
        Assert.Contains("deprecationReason", FieldNames(data["inputValue"]));
    }

    [Fact]
    public async Task A_deprecated_argument_is_hidden_unless_asked_for_and_then_says_why()
    {
        var data = await DataAsync("""
            { __type(name: "Query") {
                plain: fields { name args { name } }
                all: fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }
            """);

        var plain = data["__type"]!["plain"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "page")!;
        var all = data["__type"]!["all"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "page")!;
        Assert.Equal(["first", "filter"], plain["args"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        var size = all["args"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "size")!;
        Assert.True(size["isDeprecated"]!.GetValue<bool>());
        Assert.Equal("Use `first`.", size["deprecationReason"]!.GetValue<string>());
        var first = all["args"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "first")!;
        Assert.False(first["isDeprecated"]!.GetValue<bool>());
        Assert.Null(first["deprecationReason"]);
    }

    [Fact]
    public async Task A_deprecated_input_field_is_hidden_unless_asked_for()
    {
        var data = await DataAsync("""
            { __type(name: "PageFilter") {
                plain: inputFields { name }
                all: inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }
            """);

        Assert.Equal(["name"], data["__type"]!["plain"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        var title = data["__type"]!["all"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "title")!;
        Assert.True(title["isDeprecated"]!.GetValue<bool>());
        Assert.Equal("Use `name`.", title["deprecationReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deprecated_directive_argument_is_hidden_unless_asked_for()
    {
        var data = await DataAsync("""
            { __schema { directives { name plain: args { name } all: args(includeDeprecated: true) { name isDeprecated } } } }
            """);

        var tag = data["__schema"]!["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "tag")!;
        Assert.Equal(["name"], tag["plain"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(["name", "label"], tag["all"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.True(tag["all"]![1]!["isDeprecated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_deprecated_argument_still_works()
    {
        var data = await DataAsync("{ page(size: 5) }");

        Assert.Equal(5, data["page"]!.GetValue<int>());
    }

    private async Task<JsonNode> DataAsync(string query)
    {
        var (status, body) = await _host.PostAsync(query);
        Assert.True(status == 200 && body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }

    private static List<string> FieldNames(JsonNode? type) => type!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(s => s!.GetValue<string>()).ToList();
}
