using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Hygiene;

/// <summary>
/// Outside Development an error names nothing the client did not write: no "Did you mean" for a
/// field, an argument, a type or an enum value, so the schema cannot be mapped by typos with
/// introspection off. Development keeps the suggestions.
/// </summary>
public sealed class SuggestionTests : IDisposable
{
    private readonly ShopApiFactory _production = new() { EnvironmentName = "Production" };
    private readonly ShopApiFactory _development = new();

    public void Dispose()
    {
        _production.Dispose();
        _development.Dispose();
    }

    [Theory]
    [InlineData("field", "{ products(first: 5) { nodes { nmae } } }", "name")]
    [InlineData("argument", "{ products(frist: 5) { nodes { name } } }", "first")]
    [InlineData("type", "query { products(first: 1) { nodes { ... on Prodcut { name } } } }", "Product")]
    [InlineData("variable type", "query($w: ProductFilterInpt) { products(first: 1, where: $w) { nodes { name } } }", "ProductFilterInput")]
    [InlineData("enum value", "{ products(first: 1, order: [{ price: DESK }]) { nodes { name } } }", "DESC")]
    public async Task Production_errors_suggest_nothing(string what, string query, string hidden)
    {
        using var client = _production.CreateClient();

        var response = await client.PostAsync(query);

        Assert.True(response.Errors is { Count: > 0 }, $"{what}: expected an error, got {response.Text}");
        Assert.DoesNotContain("Did you mean", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"'{hidden}'", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ products(first: 5) { nodes { nmae } } }", "'name'")]
    [InlineData("{ products(frist: 5) { nodes { name } } }", "'first'")]
    public async Task Development_keeps_the_suggestions(string query, string suggestion)
    {
        using var client = _development.CreateClient();

        var response = await client.PostAsync(query);

        Assert.Contains("Did you mean " + suggestion, response.Text, StringComparison.Ordinal);
    }
}
