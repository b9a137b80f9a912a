using GraphQL;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// A request whose persisted id could not be honoured: unknown, not allowed, not matching its
/// document, or not supported. The codes are the ones Apollo's persisted query link reacts to.
/// </summary>
public sealed class PersistedOperationError : ExecutionError
{
    /// <summary>Creates the error with its code.</summary>
    public PersistedOperationError(string code, string message)
        : base(message) => Code = code;
}
