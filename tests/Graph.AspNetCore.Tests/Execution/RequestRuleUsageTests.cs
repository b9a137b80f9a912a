using System.Net.Http.Json;
using Graph.AspNetCore.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Execution;

public class RequestRuleUsageTests
{
    [Fact]
    public async Task A_rule_that_declares_usage_runs_again_only_for_the_cached_documents_that_need_it()
    {
        var rule = new HelloCountingRule();
        await using var app = await ExecutionHost.StartAsync("Production", services => services.AddSingleton<IRequestValidationRule>(rule));
        using var client = app.GetTestClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/graphql", new { query = "{ hello }" })).Dispose();
            (await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" })).Dispose();
        }

        // Every request of the document that selects `hello`; only the first, full validation of the other.
        Assert.Equal(3, rule.Runs["{ hello }"]);
        Assert.Equal(1, rule.Runs["{ __typename }"]);
    }

    [Fact]
    public async Task A_rule_that_declares_nothing_runs_for_every_request()
    {
        var rule = new HelloCountingRule(declaresUsage: false);
        await using var app = await ExecutionHost.StartAsync("Production", services => services.AddSingleton<IRequestValidationRule>(rule));
        using var client = app.GetTestClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" })).Dispose();
        }

        Assert.Equal(3, rule.Runs["{ __typename }"]);
    }

    [Fact]
    public async Task A_rule_that_does_not_apply_to_the_user_is_not_run_for_their_cached_documents()
    {
        var rule = new HelloCountingRule(declaresUsage: false, appliesToAnonymous: false);
        await using var app = await ExecutionHost.StartAsync("Production", services => services.AddSingleton<IRequestValidationRule>(rule));
        using var client = app.GetTestClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
            Assert.Contains("\"__typename\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The first request validates the new document with every rule; the cached document's later
        // anonymous requests are handed no rule at all.
        Assert.Equal(1, rule.Runs["{ __typename }"]);
    }

    // Counts its runs per document text; has work to do only in documents that select `hello`.
    private sealed class HelloCountingRule(bool declaresUsage = true, bool appliesToAnonymous = true) : ValidationRuleBase, IRequestValidationRule
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs { get; } = new();

        public bool DeclaresUsage => declaresUsage;

        public bool AppliesTo(System.Security.Claims.ClaimsPrincipal? user) => appliesToAnonymous || user?.Identity?.IsAuthenticated == true;

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            Runs.AddOrUpdate(context.Document.Source.ToString(), 1, (_, n) => n + 1);
            return new(new MatchingNodeVisitor<GraphQLField>(enter: (field, ctx) =>
            {
                if (field.Name.Value == "hello")
                {
                    RequestRuleUsage.MarkNeeded(ctx, this);
                }
            }));
        }
    }
}
