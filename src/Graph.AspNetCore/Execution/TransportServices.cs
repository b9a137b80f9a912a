using System.Text.Json;
using Graph.AspNetCore.Connections;
using Graph.AspNetCore.Http;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// What every transport's middleware (HTTP, SSE, WebSocket) takes from the application's services:
/// the options, the serializer and its JSON options, the request reader and response writer, the
/// connection limiters (the application's, or the endpoint's own where none is registered) and the clock.
/// </summary>
internal sealed class TransportServices
{
    public TransportServices(IGraphQLTextSerializer serializer, IOptions<GraphQLServerOptions> options, IServiceProvider services, string transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        Serializer = serializer;
        Options = options.Value;
        Json = (serializer as GraphQLJsonSerializer)?.Options
            ?? throw new InvalidOperationException($"GraphQL over {transport} needs the {nameof(GraphQLJsonSerializer)}.");
        Reader = new GraphQLHttpRequestReader(serializer, Options);
        Writer = new GraphQLResponseWriter(serializer, Options);
        Limiters = services.GetService<GraphQLConnectionLimiters>() ?? new GraphQLConnectionLimiters(options);
        Time = services.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    public IGraphQLTextSerializer Serializer { get; }

    public GraphQLServerOptions Options { get; }

    public JsonSerializerOptions Json { get; }

    public GraphQLHttpRequestReader Reader { get; }

    public GraphQLResponseWriter Writer { get; }

    public GraphQLConnectionLimiters Limiters { get; }

    public TimeProvider Time { get; }
}
