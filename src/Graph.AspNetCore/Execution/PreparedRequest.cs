using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// A request whose document was parsed (or found in the cache) and whose operation was selected, or
/// that was refused on the way: a syntax error or a broken limit.
/// </summary>
/// <param name="Request">The request as the transport read it.</param>
/// <param name="Document">The parsed document, or null when it was refused before or while parsing.</param>
/// <param name="Operation">The operation the request selects, when it could be determined.</param>
/// <param name="Error">Why the request was refused before execution, if it was.</param>
public sealed record PreparedRequest(
    GraphQLRequest Request,
    CachedDocument? Document,
    GraphQLOperationDefinition? Operation,
    ExecutionError? Error)
{
    /// <summary>Whether the response reports the operation's estimated cost in <c>extensions.cost</c> (the <c>GraphQL-Cost: report</c> header).</summary>
    public bool ReportCost { get; init; }

    /// <summary>The persisted id the document was found or registered under, or null when the request named none and sent its text.</summary>
    public string? PersistedId { get; init; }
}
