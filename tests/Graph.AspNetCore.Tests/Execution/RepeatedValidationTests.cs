using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Execution;

/// <summary>
/// A cached document's requests that run no rule reuse the last validation of the same variables
/// (<see cref="RepeatingDocumentValidator"/>): never another request's variables, never a failed one,
/// and never one request's argument maps in another's execution.
/// </summary>
public class RepeatedValidationTests
{
    private const string Query = "query($n: Int!) { someThings(count: $n) { id } }";

    [Fact]
    public async Task Each_request_gets_the_arguments_of_its_own_variables()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        foreach (var n in new[] { 2, 2, 3, 2, 1, 1, 3 })
        {
            var data = await PostAsync(client, Query, new { n });
            Assert.Equal(Enumerable.Range(1, n), data!["someThings"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()));
        }
    }

    [Fact]
    public async Task Variables_that_fail_coercion_fail_every_time()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();

        foreach (var n in new object[] { 2, "two", 2, "two" })
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = Query, variables = new { n } });
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (n is int count)
            {
                Assert.Null(json["errors"]);
                Assert.Equal(count, json["data"]!["someThings"]!.AsArray().Count);
            }
            else
            {
                Assert.Null(json["data"]);
                Assert.NotEmpty(json["errors"]!.AsArray());
            }
        }
    }

    [Fact]
    public async Task Fields_merged_under_one_name_execute_alike_in_concurrent_requests()
    {
        // Merging `someThings` selected twice adds entries to the request's argument map while it runs.
        const string Merged = "query($n: Int!) { someThings(count: $n) { id } someThings(count: $n) { id } }";
        await using var app = await ExecutionHost.StartAsync("Production");
        using var client = app.GetTestClient();
        await PostAsync(client, Merged, new { n = 2 });
        await PostAsync(client, Merged, new { n = 2 });

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => PostAsync(client, Merged, new { n = 2 })));

        Assert.All(results, data => Assert.Equal([1, 2], data!["someThings"]!.AsArray().Select(t => t!["id"]!.GetValue<int>())));
    }

    [Fact]
    public async Task A_remembered_validation_gives_each_request_argument_maps_of_its_own()
    {
        await using var app = await ExecutionHost.StartAsync("Production");
        var validator = app.Services.GetRequiredService<IDocumentValidator>();
        var schema = app.Services.GetRequiredService<ExecutionHost.TestSchema>();
        schema.Initialize();
        var document = GraphQLParser.Parser.Parse(Query);
        var options = new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single(),
            Rules = [],
            Variables = new GraphQL.SystemTextJson.GraphQLSerializer().Deserialize<Inputs>("""{"n":2}""")!,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            Metrics = GraphQL.Instrumentation.Metrics.None,
        };

        var first = await validator.ValidateAsync(options);
        var second = await validator.ValidateAsync(options);
        // What execution does when it merges fields selected twice: adds an entry for the merged node.
        ((IDictionary<GraphQLParser.AST.GraphQLField, IDictionary<string, GraphQL.Execution.ArgumentValue>>)second.ArgumentValues!)
            .Add(new GraphQLParser.AST.GraphQLField(new GraphQLParser.AST.GraphQLName("merged")), new Dictionary<string, GraphQL.Execution.ArgumentValue>());
        var third = await validator.ValidateAsync(options);

        Assert.True(first.IsValid && second.IsValid && third.IsValid);
        Assert.NotSame(second.ArgumentValues, third.ArgumentValues);
        Assert.Equal(first.ArgumentValues!.Count, third.ArgumentValues!.Count);
        Assert.Equal(first.ArgumentValues.Count + 1, second.ArgumentValues.Count);
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,"x",null,{"c":true}]}""", """{"b":[1,"x",null,{"c":true}],"a":1}""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":1}""", """{"a":1.0}""", false)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,3]}""", false)]
    [InlineData("""{"a":[1,2,3]}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a":{"b":null}}""", """{"a":{}}""", false)]
    [InlineData("""{"a":{"b":null}}""", """{"a":{"c":null}}""", false)]
    [InlineData("""{}""", """{}""", true)]
    public void Input_values_are_equal_when_their_JSON_says_the_same(string a, string b, bool equal)
    {
        var serializer = new GraphQL.SystemTextJson.GraphQLSerializer();
        Assert.Equal(equal, InputValues.AreEqual(serializer.Deserialize<Inputs>(a), serializer.Deserialize<Inputs>(b)));
    }

    private static async Task<JsonNode?> PostAsync(HttpClient client, string query, object variables)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(json["errors"] is null, json.ToJsonString());
        return json["data"];
    }
}
