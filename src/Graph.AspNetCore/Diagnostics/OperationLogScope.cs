using System.Collections;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The logging scope of one GraphQL operation: <c>GraphQLOperationName</c> and
/// <c>GraphQLOperationType</c> as structured properties, and a readable line for text formatters.
/// </summary>
internal sealed class OperationLogScope(string? operationName, OperationType? operationType) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("GraphQLOperationName", operationName),
        1 => new("GraphQLOperationType", operationType is { } type ? GraphQLServerTelemetry.TypeName(type) : null),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"GraphQL {(operationType is { } type ? GraphQLServerTelemetry.TypeName(type) : "operation")} {operationName ?? "(anonymous)"}";
}
