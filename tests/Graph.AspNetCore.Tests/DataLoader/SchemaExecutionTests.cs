using System.Text.Json;
using Graph.AspNetCore.DataLoader;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.DataLoader;

/// <summary>
/// Runs real graphql-dotnet executions: a query (parallel strategy) and a mutation (serial
/// strategy) over 20 parents, counting the batches each loader receives.
/// </summary>
public class SchemaExecutionTests
{
    private static readonly FamilySchema Schema = new();
    private static readonly int[] ChildKeys = [.. FamilyBackend.Parents.Select(parent => parent.ChildId)];
    private static readonly int[] GrandchildKeys = [.. ChildKeys.Select(key => key + 100)];

    public static TheoryData<string> Operations => ["query", "mutation"];

    private static async Task<(ExecutionResult Result, JsonElement Data, FamilyBackend Backend)> ExecuteAsync(string operation, string selection, Action<FamilyBackend>? arrange = null)
    {
        var backend = new FamilyBackend();
        arrange?.Invoke(backend);
        await using var services = new ServiceCollection()
            .AddSingleton(backend)
            .AddDataLoader<ChildLoader>()
            .AddDataLoader<GrandchildLoader>()
            .AddDataLoader<LabelLoader>()
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = Schema,
            Query = $"{operation} {{ parents {{ {selection} }} }}",
            RequestServices = scope.ServiceProvider,
        });

        var json = new GraphQLSerializer().Serialize(result);
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.TryGetProperty("data", out var found) ? found.Clone() : default;
        return (result, data, backend);
    }

    // Under the parallel strategy concurrent resolvers queue keys in any order: batches are
    // compared as sets of keys, in ascending order.
    private static JsonElement.ArrayEnumerator Parents(JsonElement data) => data.GetProperty("parents").EnumerateArray();

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Twenty_parents_resolve_their_children_with_one_batch(string operation)
    {
        var (result, data, backend) = await ExecuteAsync(operation, "id child { id }");

        Assert.Null(result.Errors);
        Assert.Equal(ChildKeys, Assert.Single(backend.BatchesOf(nameof(ChildLoader))).Order());
        Assert.Equal(ChildKeys, Parents(data).Select(parent => parent.GetProperty("child").GetProperty("id").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_nested_level_sends_one_batch(string operation)
    {
        var (result, data, backend) = await ExecuteAsync(operation, "child { id grandchild { id } }");

        Assert.Null(result.Errors);
        Assert.Equal(ChildKeys, Assert.Single(backend.BatchesOf(nameof(ChildLoader))).Order());
        Assert.Equal(GrandchildKeys, Assert.Single(backend.BatchesOf(nameof(GrandchildLoader))).Order());
        Assert.Equal(GrandchildKeys, Parents(data).Select(parent => parent.GetProperty("child").GetProperty("grandchild").GetProperty("id").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Loaders_of_the_same_wave_each_send_one_batch(string operation)
    {
        var (result, data, backend) = await ExecuteAsync(operation, "id label child { id }");

        Assert.Null(result.Errors);
        Assert.Single(backend.BatchesOf(nameof(ChildLoader)));
        Assert.Equal(Enumerable.Range(1, 20), Assert.Single(backend.BatchesOf(nameof(LabelLoader))).Order());
        Assert.All(Parents(data), parent => Assert.Equal($"parent {parent.GetProperty("id").GetInt32()}", parent.GetProperty("label").GetString()));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Keys_cached_in_an_earlier_wave_are_not_fetched_again(string operation)
    {
        var (result, data, backend) = await ExecuteAsync(operation, "child { id sibling { id } }");

        Assert.Null(result.Errors);
        Assert.Single(backend.BatchesOf(nameof(ChildLoader)));
        Assert.All(Parents(data), parent => Assert.NotEqual(JsonValueKind.Null, parent.GetProperty("child").GetProperty("sibling").ValueKind));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_chained_load_batches_each_step_once(string operation)
    {
        var (result, data, backend) = await ExecuteAsync(operation, "grandchild { id }");

        Assert.Null(result.Errors);
        Assert.Equal(ChildKeys, Assert.Single(backend.BatchesOf(nameof(ChildLoader))).Order());
        Assert.Equal(GrandchildKeys, Assert.Single(backend.BatchesOf(nameof(GrandchildLoader))).Order());
        Assert.Equal(GrandchildKeys, Parents(data).Select(parent => parent.GetProperty("grandchild").GetProperty("id").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_failing_batch_errors_every_field_that_asked_and_no_other(string operation)
    {
        var (result, data, _) = await ExecuteAsync(operation, "id label child { id }", backend => backend.ChildrenFail = true);

        Assert.NotNull(result.Errors);
        Assert.Equal(20, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            Assert.Equal("child", error.Path!.Last());
            Assert.Equal("ChildLoader is down", error.InnerException?.Message);
        });
        Assert.All(Parents(data), parent =>
        {
            Assert.Equal(JsonValueKind.Null, parent.GetProperty("child").ValueKind);
            Assert.Equal($"parent {parent.GetProperty("id").GetInt32()}", parent.GetProperty("label").GetString());
        });
    }
}
