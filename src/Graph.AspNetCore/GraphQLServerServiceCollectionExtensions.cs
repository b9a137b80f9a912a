using System.Diagnostics;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Diagnostics;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Limits;
using Graph.AspNetCore.Limits.Cost;
using Graph.AspNetCore.Relay;
using Graph.AspNetCore.Sse.SingleConnection;
using Graph.AspNetCore.Subscriptions;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore;

/// <summary>Registers the GraphQL serving layer.</summary>
public static partial class GraphQLServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine for <typeparamref name="TSchema"/> with the serving layer around it:
    /// options bound from the <c>GraphQL</c> section, the document cache, the request executor,
    /// System.Text.Json, error shaping and logging of unexpected exceptions.
    /// </summary>
    public static IServiceCollection AddGraphQLServer<TSchema>(this IServiceCollection services, Action<IGraphQLBuilder>? configure = null)
        where TSchema : class, ISchema
    {
        services.AddOptions<GraphQLServerOptions>().BindConfiguration(GraphQLServerOptions.SectionName);
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<GraphQLRequestExecutor<TSchema>>();
        services.AddMetrics();
        services.TryAddSingleton<GraphQLServerTelemetry>();
        services.TryAddSingleton<GraphQLConnectionLimiters>();
        services.TryAddSingleton<SseReservations>();
        services.AddSingleton<NodeResolverRegistry>();
        // The full registration (policy evaluator included): WebApplication adds UseAuthorization whenever
        // authorization services exist, and that middleware refuses to start with the core set alone.
        services.AddAuthorization();
        services.AddScoped<GraphQLAuthorizer>();
        services.AddSingleton<IRequestValidationRule>(AuthorizationValidationRule.Instance);
        services.AddSingleton<IRequestValidationRule>(InputValueRule.Instance);
        services.AddGraphQL(builder =>
        {
            builder.AddSchema<TSchema>();
            builder.AddSerializer<GraphQLJsonSerializer>();
            builder.AddErrorInfoProvider<GraphQLErrorInfoProvider>();
            builder.AddUnhandledExceptionHandler(TagAndLog);
            builder.ConfigureSchema(schema =>
            {
                schema.Directives.Register(new AuthorizeDirective());
                schema.RegisterCostDirectives();
            });
            builder.AddExecutionStrategy<ErrorCappedParallelExecutionStrategy>(OperationType.Query);
            builder.AddExecutionStrategy<ErrorCappedSerialExecutionStrategy>(OperationType.Mutation);
            builder.AddSchemaVisitor<AuthorizationSchemaVisitor>();
            builder.AddSubscriptionExecution();
            configure?.Invoke(builder);
        });
        return services;
    }

    // Every unexpected exception is logged in full with a trace id; the client sees only the code
    // and that id (GraphQLErrorInfoProvider), so the two can be matched.
    private static void TagAndLog(UnhandledExceptionContext context)
    {
        var options = context.ExecutionOptions;
        var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Exception.Data[GraphQLErrorInfoProvider.TraceIdKey] = traceId;
        var logger = options.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Graph.AspNetCore.Execution");
        if (logger is not null)
        {
            LogUnexpected(logger, context.OriginalException, options.OperationName, context.FieldContext?.Path is { } path ? string.Join('.', path) : null, traceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected exception in GraphQL operation {OperationName} at {Path} (trace id {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string? operationName, string? path, string traceId);
}
