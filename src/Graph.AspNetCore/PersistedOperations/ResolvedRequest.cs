using GraphQL;
using GraphQL.Transport;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>What <see cref="PersistedOperationResolver"/> made of a request.</summary>
/// <param name="Request">The request, carrying its document when it was found by id.</param>
/// <param name="PersistedId">The persisted id the document runs under, or null when the request named none.</param>
/// <param name="Error">Why the request is refused, if it is.</param>
public sealed record ResolvedRequest(GraphQLRequest Request, string? PersistedId, ExecutionError? Error);
