using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Schema;

/// <summary><c>schema/schema.graphql</c> is the contract: it must be exactly the served schema.</summary>
public sealed class SchemaContractTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void The_exported_schema_file_matches_the_served_schema()
    {
        var served = SchemaExport.Print(_factory.Services);
        var file = File.ReadAllText(RepositoryPaths.Schema).ReplaceLineEndings("\n");

        Assert.True(
            served == file,
            "schema/schema.graphql differs from the served schema. If the change is intended, run "
            + "`dotnet run --project src/Graph.Api -- schema export` and commit the file.");
    }

    [Fact]
    public async Task Introspection_is_off_outside_development()
    {
        using var production = new ShopApiFactory { EnvironmentName = "Production" };
        using var client = production.CreateClient();

        var response = await client.PostAsync("{ __schema { queryType { name } } }");

        Assert.False(response.HasData);
        Assert.Equal(["NO_INTROSPECTION"], response.ErrorCodes);
    }

    [Fact]
    public async Task Introspection_is_on_in_development()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("{ __schema { queryType { name } } }");

        response.AssertNoErrors();
        Assert.Equal("Query", response.Data?["__schema"]?["queryType"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Field_suggestions_are_off_outside_development()
    {
        using var production = new ShopApiFactory { EnvironmentName = "Production" };
        using var client = production.CreateClient();
        using var development = _factory.CreateClient();

        var hidden = await client.PostAsync("{ categorie { id } }");
        var shown = await development.PostAsync("{ categorie { id } }");

        Assert.DoesNotContain("Did you mean", hidden.Text, StringComparison.Ordinal);
        Assert.Contains("Did you mean", shown.Text, StringComparison.Ordinal);
    }
}
