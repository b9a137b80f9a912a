using System.Collections;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Gives each failed node an error of its own. The engine sets the path and adds a location on the error
/// object it is given, and lists that object; the same object thrown for several nodes (one instance kept
/// in a field, a batch that fails as a whole for every item waiting on it) would be listed once per node,
/// every time with the last node's path and with every node's location.
/// </summary>
internal static class NodeErrors
{
    // The errors a node has been given, by identity: the first node (of any request) gets the object itself,
    // every later one a copy. Claiming is atomic, so concurrent requests throwing one object are safe too.
    private static readonly ConditionalWeakTable<ExecutionError, object> Claimed = [];
    private static readonly object Mark = new();

    /// <summary>
    /// The error itself when no node has had it; otherwise a copy (message, code, extensions, data and inner
    /// exception), an <see cref="UnhandledError"/> again when it was one, so that it is masked the same way.
    /// </summary>
    public static ExecutionError Own(ExecutionError error)
    {
        if (Claimed.TryAdd(error, Mark))
        {
            return error;
        }

        var copy = error is UnhandledError && error.InnerException is { } inner
            ? new UnhandledError(error.Message, inner)
            : new ExecutionError(error.Message, error.InnerException);
        copy.Code = error.Code;
        copy.Extensions = error.Extensions is null ? null : new Dictionary<string, object?>(error.Extensions);
        foreach (DictionaryEntry entry in error.Data)
        {
            copy.Data[entry.Key] = entry.Value;
        }

        return copy;
    }
}
