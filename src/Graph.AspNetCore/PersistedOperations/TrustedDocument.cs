using GraphQLParser.AST;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>One trusted operation: its id (<see cref="PersistedOperationId"/>), name, type and document text.</summary>
/// <param name="Id">The SHA-256 of <paramref name="Body"/> in lower-case hex.</param>
/// <param name="Name">The operation's name, or null for an anonymous one.</param>
/// <param name="Type">Query, mutation or subscription.</param>
/// <param name="Body">The operation followed by the fragments it uses, as written in its file.</param>
public sealed record TrustedDocument(string Id, string? Name, OperationType Type, string Body);
