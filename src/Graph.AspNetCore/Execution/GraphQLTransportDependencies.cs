using System.Text.Json;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Http;
using Graph.AspNetCore.Sse.SingleConnection;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// What every transport's middleware (HTTP, SSE single connection, WebSocket) needs from the
/// application, in one service: the executor, the options, the serializer and its JSON options, the
/// request reader and response writer, the connection limiters, the SSE reservations, the token
/// validator and the clock. A middleware takes this instead of listing the services itself, so a
/// new need is added here once and every transport has it.
/// </summary>
/// <typeparam name="TSchema">The schema the transports serve.</typeparam>
public sealed class GraphQLTransportDependencies<TSchema>
    where TSchema : ISchema
{
    /// <summary>Created by dependency injection (<c>AddGraphQLServer</c> registers it).</summary>
    public GraphQLTransportDependencies(
        GraphQLRequestExecutor<TSchema> executor,
        IGraphQLTextSerializer serializer,
        IOptions<GraphQLServerOptions> options,
        IServiceScopeFactory scopes,
        GraphQLConnectionLimiters limiters,
        SseReservations reservations,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        Executor = executor;
        Serializer = serializer;
        Options = options.Value;
        Scopes = scopes;
        Limiters = limiters;
        Reservations = reservations;
        Json = (serializer as GraphQLJsonSerializer)?.Options
            ?? throw new InvalidOperationException($"The GraphQL transports need the {nameof(GraphQLJsonSerializer)}.");
        Reader = new GraphQLHttpRequestReader(serializer, Options);
        Writer = new GraphQLResponseWriter(serializer, Options);
        TokenValidator = services.GetService<IConnectionTokenValidator>();
        CachedQueries = services.GetService<Caching.ResponseCache>() is { IsEnabled: true }
            ? new CachedQueryResponder<TSchema>(executor, Writer, serializer, Options, services)
            : null;
        Time = services.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    /// <summary>Runs the operations.</summary>
    public GraphQLRequestExecutor<TSchema> Executor { get; }

    /// <summary>Reads requests and writes results.</summary>
    public IGraphQLTextSerializer Serializer { get; }

    /// <summary>The server's options.</summary>
    public GraphQLServerOptions Options { get; }

    /// <summary>Opens a scope per operation where a transport runs operations outside the request's own.</summary>
    public IServiceScopeFactory Scopes { get; }

    /// <summary>The slots of WebSockets and SSE streams, per client, per user and per instance.</summary>
    public GraphQLConnectionLimiters Limiters { get; }

    /// <summary>The reserved single-connection event streams.</summary>
    public SseReservations Reservations { get; }

    /// <summary>The validator of <c>connection_init</c> tokens, when the application has one.</summary>
    public IConnectionTokenValidator? TokenValidator { get; }

    /// <summary>The clock of timeouts and keep-alives.</summary>
    public TimeProvider Time { get; }

    internal JsonSerializerOptions Json { get; }

    internal GraphQLHttpRequestReader Reader { get; }

    internal GraphQLResponseWriter Writer { get; }

    /// <summary>Answers cacheable queries over HTTP from the response cache; null when it is off.</summary>
    internal CachedQueryResponder<TSchema>? CachedQueries { get; }
}
