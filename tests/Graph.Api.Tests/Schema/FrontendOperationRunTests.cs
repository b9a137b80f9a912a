using Graph.Api.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.Api.Tests.Schema;

/// <summary>
/// Every frontend document of <c>schema/operations/</c> runs end to end as its user would send it,
/// without errors, in a bounded number of SQL statements that does not grow with the page size.
/// </summary>
public sealed class FrontendOperationRunTests : IDisposable
{
    private const string Product1 = "UHJvZHVjdDox";

    /// <summary>
    /// How each operation is run: who sends it, its variables (a <c>{first}</c> placeholder is run
    /// with 5 and with 50), and the most SQL statements it may take.
    /// </summary>
    private static readonly Dictionary<string, Run> Runs = new()
    {
        ["SignUp"] = new(null, new() { ["email"] = "zed@shop.test", ["password"] = "s3cretPass", ["displayName"] = "Zed" }, 2),
        ["LogIn"] = new(null, new() { ["email"] = DemoAccounts.Alice, ["password"] = DemoAccounts.Password }, 1),
        ["Me"] = new(DemoAccounts.Alice, [], 5),
        ["AddReview"] = new(DemoAccounts.Alice, new() { ["productId"] = Product1, ["rating"] = 4, ["body"] = "Nice." }, 6),
        ["Storefront"] = new(null, new() { ["first"] = "{first}" }, 5),
        ["ProductPage"] = new(null, new() { ["slug"] = "classic-novel-1" }, 5),
        ["CategoryPage"] = new(null, new() { ["slug"] = "books", ["first"] = "{first}" }, 3),
        ["CheapInStock"] = new(null, new() { ["max"] = 60.0m }, 1),
        ["ProductsByIds"] = new(null, new() { ["ids"] = new[] { Product1, "UHJvZHVjdDoy" } }, 1),
        ["StaffOrders"] = new(DemoAccounts.Staff, new() { ["first"] = "{first}" }, 6),
        ["PlacedOrders"] = new(DemoAccounts.Staff, [], 1),
        ["AllUsers"] = new(DemoAccounts.Admin, new() { ["first"] = "{first}" }, 2),
    };

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (var operation in Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>())
            {
                if (operation.Operation != OperationType.Subscription && !FrontendOperationsTests.IsPending(operation.Name!.StringValue))
                {
                    data.Add(Path.GetFileName(file), operation.Name!.StringValue);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Frontend_operation_runs_in_bounded_sql_whatever_the_page_size(string file, string operationName)
    {
        Assert.True(Runs.TryGetValue(operationName, out var run), $"Say how {operationName} is run: add it to {nameof(Runs)}.");
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        using var client = await _factory.ClientAsAsync(run.User);
        var pageSized = run.Variables.ContainsValue("{first}");

        var counts = new List<int>();
        foreach (var first in pageSized ? new[] { 5, 50 } : [0])
        {
            var variables = run.Variables.ToDictionary(v => v.Key, v => v.Value is "{first}" ? first : v.Value);
            _factory.SqlCommands.Reset();
            var response = await client.PostAsync(document, variables, operationName);
            response.AssertNoErrors();
            counts.Add(_factory.SqlCommands.Commands.Count);
            if (!pageSized)
            {
                break;
            }
        }

        Assert.True(counts.Max() <= run.MaxStatements, $"{operationName} ran {counts.Max()} SQL statements (budget {run.MaxStatements}):\n" + string.Join("\n---\n", _factory.SqlCommands.Commands));
        Assert.True(counts.Distinct().Count() == 1, $"{operationName}: statements grow with the page size: {string.Join(", ", counts)}");
    }

    private sealed record Run(string? User, Dictionary<string, object?> Variables, int MaxStatements);
}
