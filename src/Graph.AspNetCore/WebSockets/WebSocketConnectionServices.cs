using System.Text.Json;
using Graph.AspNetCore.Execution;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.WebSockets;

/// <summary>What every connection of the endpoint shares.</summary>
internal sealed record WebSocketConnectionServices<TSchema>(
    GraphQLRequestExecutor<TSchema> Executor,
    JsonSerializerOptions Json,
    GraphQLServerOptions Options,
    IServiceScopeFactory Scopes,
    ConnectionInitAuthenticator Authenticator,
    TimeProvider Time,
    ILogger Logger)
    where TSchema : ISchema;
