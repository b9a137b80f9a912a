using System.Diagnostics;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Caching;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Diagnostics;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Introspection;
using Graph.AspNetCore.Limits;
using Graph.AspNetCore.Limits.Cost;
using Graph.AspNetCore.PersistedOperations;
using Graph.AspNetCore.Relay;
using Graph.AspNetCore.Scalars;
using Graph.AspNetCore.Sse.SingleConnection;
using Graph.AspNetCore.Subscriptions;
using Graph.AspNetCore.Validation;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore;

/// <summary>Registers the GraphQL serving layer.</summary>
public static partial class GraphQLServerServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="documents"/> the trusted documents (see <see cref="TrustedDocuments"/>):
    /// runnable by id in every mode, and the only documents that run in
    /// <see cref="PersistedOperationMode.TrustedOnly"/>.
    /// </summary>
    public static IServiceCollection AddTrustedDocuments(this IServiceCollection services, TrustedDocuments documents)
    {
        services.RemoveAll<TrustedDocuments>();
        services.AddSingleton(documents);
        return services;
    }

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
        services.AddSingleton<GraphQLTransportDependencies<TSchema>>();
        services.TryAddSingleton(TrustedDocuments.Empty);
        services.TryAddSingleton<AutomaticPersistedQueryStore>();
        services.TryAddSingleton<IPersistedQueryStore>(provider => provider.GetRequiredService<AutomaticPersistedQueryStore>());
        services.TryAddSingleton<PersistedOperationResolver>();
        services.AddMetrics();
        services.TryAddSingleton<GraphQLServerTelemetry>();
        services.TryAddSingleton<GraphQLConnectionLimiters>();
        services.TryAddSingleton<SseReservations>();
        services.AddSingleton<NodeResolverRegistry>();

        // The response cache: results of public queries, tagged by what they read (CacheTagRecorder,
        // filled by the data loaders and connections), dropped by the application's Invalidate calls.
        services.TryAddSingleton<ResponseCacheTelemetry>();
        services.TryAddSingleton<ResponseCache>();
        services.TryAddSingleton(provider => new CacheTagMap(provider.GetRequiredService<TSchema>()));
        services.TryAddScoped<CacheTagRecorder>();
        // The full registration (policy evaluator included): WebApplication adds UseAuthorization whenever
        // authorization services exist, and that middleware refuses to start with the core set alone.
        services.AddAuthorization();
        services.AddScoped<GraphQLAuthorizer>();
        services.AddSingleton<IRequestValidationRule>(AuthorizationValidationRule.Instance);
        services.AddSingleton<IRequestValidationRule>(InputValueRule.Instance);

        // An application's own DateTime scalar, registered before this, wins.
        services.TryAddSingleton<DateTimeGraphType, Rfc3339DateTimeGraphType>();
        // Before AddGraphQL, which registers its own validator only when none is.
        services.TryAddSingleton<IDocumentValidator, RepeatingDocumentValidator>();
        services.AddGraphQL(builder =>
        {
            builder.AddSchema<TSchema>();
            builder.AddSerializer<GraphQLJsonSerializer>();
            builder.AddErrorInfoProvider<GraphQLErrorInfoProvider>();
            builder.AddUnhandledExceptionHandler(TagAndLog);
            builder.ConfigureSchema(schema =>
            {
                // The current specification's introspection: isRepeatable, and deprecated arguments and
                // input fields (@deprecated allowed on them, isDeprecated/deprecationReason, includeDeprecated).
                // SpecIntrospectionVisitor adds what the engine lacks. AppliedDirectives stays off: it is not
                // in any specification, and no client asks for it.
                schema.Features.RepeatableDirectives = true;
                schema.Features.DeprecationOfInputValues = true;
                schema.Filter = new SpecSchemaFilter();
                schema.Directives.Register(new SpecifiedByDirective(), new OneOfDirective());
                schema.Directives.Register(new AuthorizeDirective());
                schema.RegisterCostDirectives();
            });
            // Queries run serially too: their resolvers are asynchronous database reads on a server
            // that may have one core, so running sibling fields at once gains little, and the parallel
            // strategy costs every request a copy of the parsed arguments into concurrent dictionaries
            // and a task per pending field. Data loaders still batch: the serial strategy completes
            // them once every other pending field has run (tests/Benchmarks/README.md, issue 18).
            builder.AddExecutionStrategy<ErrorCappedSerialExecutionStrategy>(OperationType.Query);
            builder.AddExecutionStrategy<ErrorCappedSerialExecutionStrategy>(OperationType.Mutation);
            builder.AddSchemaVisitor<SpecIntrospectionVisitor>();
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
