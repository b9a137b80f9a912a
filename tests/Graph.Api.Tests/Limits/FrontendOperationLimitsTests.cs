using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore;
using Graph.AspNetCore.Limits;
using Graph.AspNetCore.Limits.Cost;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// Every frontend document of <c>schema/operations/</c> passes the default limits with room to spare:
/// its text and shape, and the estimated cost of each of its operations at the largest page.
/// </summary>
public sealed class FrontendOperationLimitsTests : IDisposable
{
    private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Frontend_document_passes_the_default_limits_at_the_largest_page(string file)
    {
        var limits = new GraphQLLimitsOptions();
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        var document = Parser.Parse(text);
        var analyzer = new CostAnalyzer(_factory.Services.GetRequiredService<ShopSchema>());

        Assert.Null(DocumentTextLimits.Check(text, limits));
        Assert.Null(DocumentShapeLimits.Check(document, limits));
        var shape = DocumentShape.Measure(document);
        Assert.True(shape.Fields <= limits.MaxFields / 2, $"{file}: {shape.Fields} fields");
        Assert.True(shape.Depth <= limits.MaxDepth - 2, $"{file}: depth {shape.Depth}");

        var costs = document.Definitions.OfType<GraphQLOperationDefinition>()
            .ToDictionary(o => o.Name!.StringValue, o => analyzer.Estimate(document, o, LargestPage(o)));
        var report = string.Join(", ", costs.Select(c => $"{c.Key} {c.Value}"));
        Assert.All(costs, cost => Assert.True(cost.Value <= limits.MaxCost / 2, $"{file}: {report}"));
    }

    // Every Int variable a page size could come from is at the largest page size.
    private static Inputs LargestPage(GraphQLOperationDefinition operation) =>
        new((operation.Variables?.Items ?? [])
            .Where(v => v.Type is GraphQLNamedType { Name.Value: var name } && name == "Int" || v.Type is GraphQLNonNullType { Type: GraphQLNamedType { Name.Value: var inner } } && inner == "Int")
            .ToDictionary(v => v.Variable.Name.StringValue, _ => (object?)50));
}
