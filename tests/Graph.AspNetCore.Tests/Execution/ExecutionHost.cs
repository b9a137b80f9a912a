using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Execution;

/// <summary>A tiny schema of the execution tests, on the shared in-memory host.</summary>
internal static class ExecutionHost
{
    public static Task<WebApplication> StartAsync(string environment, Action<IServiceCollection>? services = null) =>
        GraphQLTestHost.StartAsync<TestSchema>(environment, s =>
        {
            s.AddSingleton<TestQuery>();
            s.AddSingleton<ThingType>();
            services?.Invoke(s);
        });

    public sealed class TestSchema : Schema
    {
        public TestSchema(IServiceProvider services, TestQuery query)
            : base(services) => Query = query;
    }

    public sealed class TestQuery : ObjectGraphType
    {
        public TestQuery()
        {
            Name = "Query";
            Field<StringGraphType>("hello").Resolve(_ => "world");
            Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException("secret connection string Password=hunter2"));
            Field<StringGraphType>("domainError").Resolve(_ => throw new GraphQL.ExecutionError("Nope.") { Code = "NOPE" });
            Field<ListGraphType<StringGraphType>>("many")
                .Argument<IntGraphType>("count")
                .Resolve(context => Enumerable.Repeat(new string('x', 1_000), context.GetArgument<int>("count")));
            Field<ListGraphType<ThingType>>("things").Resolve(_ => new[] { 1, 2, 3 });
            Field<ListGraphType<ThingType>>("someThings")
                .Argument<NonNullGraphType<IntGraphType>>("count")
                .Resolve(context => Enumerable.Range(1, context.GetArgument<int>("count")));
            Field<StringGraphType>("wait").ResolveAsync(async context =>
            {
                // Runs until it is cancelled; a test registers WaitSignals to see when it starts and stops.
                var signals = context.RequestServices!.GetRequiredService<WaitSignals>();
                signals.Started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                    return null;
                }
                catch (OperationCanceledException)
                {
                    signals.Cancelled.TrySetResult();
                    throw;
                }
            });
        }
    }
}

/// <summary>
/// An item of <c>things</c>: its fields fail with one error instance for every item, as a shared error
/// object or a batch that fails as a whole would.
/// </summary>
internal sealed class ThingType : ObjectGraphType<int>
{
    public static readonly GraphQL.ExecutionError Shared = new("Every thing fails alike.") { Code = "SHARED" };

    public ThingType()
    {
        Name = "Thing";
        Field<IntGraphType>("id").Resolve(context => context.Source);
        Field<StringGraphType>("broken").Resolve(_ => throw Shared);
        Field<StringGraphType>("batched").Resolve(_ => Graph.AspNetCore.DataLoader.DataLoaderResult.FromException<string>(Shared));
    }
}

/// <summary>When the <c>wait</c> field started, and when its cancellation reached it.</summary>
internal sealed class WaitSignals
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
