using System.Diagnostics;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The names under which the serving layer reports traces and metrics: pass
/// <see cref="SourceName"/> to OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>.
/// Attribute names follow OpenTelemetry's GraphQL semantic conventions where they exist.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>The name of the serving layer's <see cref="ActivitySource"/> and of its meter.</summary>
    public const string SourceName = "Graph.AspNetCore";

    /// <summary>The span of parsing a document that was not in the document cache.</summary>
    public const string ParseActivityName = "graphql.parse";

    /// <summary>The span of validating a document against the schema and the request rules.</summary>
    public const string ValidateActivityName = "graphql.validate";

    /// <summary>The span of executing a validated operation; its display name is <c>{type} {name}</c>.</summary>
    public const string ExecuteActivityName = "graphql.execute";

    /// <summary>Tag: the operation's name; absent for an anonymous operation.</summary>
    public const string OperationNameTag = "graphql.operation.name";

    /// <summary>Tag: <c>query</c>, <c>mutation</c> or <c>subscription</c>.</summary>
    public const string OperationTypeTag = "graphql.operation.type";

    /// <summary>Tag: whether the document had been validated before, so only request rules ran.</summary>
    public const string DocumentCachedTag = "graphql.document.cached";

    /// <summary>Tag: the operation's estimated cost (<c>@cost</c>/<c>@listSize</c>), when it was estimated.</summary>
    public const string OperationCostTag = "graphql.operation.cost";

    /// <summary>Tag: why a request failed: <c>syntax</c>, <c>validation</c> or <c>execution</c>.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Counter of GraphQL requests that reached the executor.</summary>
    public const string RequestsMetric = "graphql.server.requests";

    /// <summary>Histogram of the time, in seconds, from validation to the end of execution.</summary>
    public const string DurationMetric = "graphql.server.request.duration";

    /// <summary>Counter of GraphQL requests answered with at least one error.</summary>
    public const string ErrorsMetric = "graphql.server.request.errors";

    internal static ActivitySource Source { get; } = new(SourceName, typeof(GraphQLTelemetry).Assembly.GetName().Version?.ToString());
}
