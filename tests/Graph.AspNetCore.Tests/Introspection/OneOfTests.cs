using System.Text.Json.Nodes;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary>
/// <c>@oneOf</c> input objects (graphql-dotnet's <c>IsOneOf</c>), validated as the specification says: exactly one
/// field, and not null, whether the object is written in the document or comes in the variables.
/// </summary>
public sealed class OneOfTests : IAsyncLifetime
{
    private CatalogHost _host = null!;

    public async Task InitializeAsync() => _host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{ item(by: { id: "7" }) }""", "id=7")]
    [InlineData("""{ item(by: { slug: "lamp" }) }""", "slug=lamp")]
    public async Task Exactly_one_field_as_a_literal_is_accepted(string query, string expected)
    {
        var (status, body) = await _host.PostAsync(query);

        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        Assert.Equal(expected, body["data"]!["item"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ item(by: { id: "7", slug: "lamp" }) }""")]
    [InlineData("""{ item(by: { id: null }) }""")]
    [InlineData("""{ item(by: {}) }""")]
    public async Task Not_exactly_one_non_null_field_as_a_literal_is_refused_before_execution(string query)
    {
        var (status, body) = await _host.PostAsync(query);

        AssertRefused(status, body);
    }

    [Fact]
    public async Task Exactly_one_field_in_the_variables_is_accepted()
    {
        var (status, body) = await _host.PostAsync("query ($by: ItemBy!) { item(by: $by) }", new { by = new { slug = "lamp" } });

        Assert.Equal(200, status);
        Assert.Equal("slug=lamp", body["data"]!["item"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "id": "7", "slug": "lamp" }""")]
    [InlineData("""{ "id": null }""")]
    [InlineData("{}")]
    public async Task Not_exactly_one_non_null_field_in_the_variables_is_refused_before_execution(string by)
    {
        var (status, body) = await _host.PostAsync("query ($by: ItemBy!) { item(by: $by) }", new { by = JsonNode.Parse(by) });

        AssertRefused(status, body);
    }

    [Fact]
    public async Task A_nullable_variable_for_the_one_field_is_refused()
    {
        // The specification: a variable used as the value of a oneOf field must be of a non-null type.
        var (status, body) = await _host.PostAsync("query ($id: ID) { item(by: { id: $id }) }", new { id = "7" });

        AssertRefused(status, body, "VARIABLES_IN_ALLOWED_POSITION");
    }

    [Fact]
    public async Task A_non_null_variable_for_the_one_field_is_accepted()
    {
        var (status, body) = await _host.PostAsync("query ($id: ID!) { item(by: { id: $id }) }", new { id = "7" });

        Assert.Equal(200, status);
        Assert.Equal("id=7", body["data"]!["item"]!.GetValue<string>());
    }

    private static void AssertRefused(int status, JsonNode body, string code = "INVALID_VALUE")
    {
        Assert.Equal(400, status);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(code, error["extensions"]?["code"]?.GetValue<string>());
        if (code == "INVALID_VALUE")
        {
            Assert.Contains("exactly one non-null value", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
