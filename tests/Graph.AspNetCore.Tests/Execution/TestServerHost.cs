using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Tests.Execution;

/// <summary>A tiny schema served by the serving layer on an in-memory test server.</summary>
internal static class TestServerHost
{
    public static async Task<WebApplication> StartAsync(string environment, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CapturingLoggerProvider());
        builder.Services.AddSingleton<TestQuery>();
        builder.Services.AddSingleton<ThingType>();
        builder.Services.AddGraphQLServer<TestSchema>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGraphQL<TestSchema>();
        await app.StartAsync();
        return app;
    }

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

/// <summary>Keeps every log entry so tests can see what the server logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public static readonly System.Collections.Concurrent.ConcurrentQueue<(string Message, Exception? Exception)> Entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Entries.Enqueue((formatter(state, exception), exception));
            }
        }
    }
}
