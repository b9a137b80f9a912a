using GraphQL.Validation;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Execution;

/// <summary>A parsed document, its size, and whether it has passed static validation.</summary>
public sealed class CachedDocument(GraphQLDocument document, long size)
{
    private volatile bool _validated;
    private IValidationRule[]? _requestRules;
    private int _hits;

    /// <summary>Creates an entry whose size is not known (tests, tools).</summary>
    public CachedDocument(GraphQLDocument document)
        : this(document, 1)
    {
    }

    /// <summary>The syntax tree.</summary>
    public GraphQLDocument Document { get; } = document;

    /// <summary>About how many bytes the entry holds: what parsing it allocated, and its text.</summary>
    public long Size { get; } = size;

    /// <summary>
    /// Set once the document has passed every request-independent validation rule; from then on
    /// only request-dependent rules run for it.
    /// </summary>
    public bool IsValidated => _validated;

    /// <summary>The request-dependent rules the document's cached runs need (set with <see cref="MarkValidated"/>).</summary>
    internal IValidationRule[] RequestRules => _requestRules ?? [];

    internal void MarkValidated(IValidationRule[] requestRules)
    {
        _requestRules = requestRules;
        _validated = true;
    }

    internal int RecordHit() => Interlocked.Increment(ref _hits);

    /// <summary>
    /// The operation a request selects: the one named, or the only one. Null when the name matches
    /// none or no name was given for a document with several (the executer reports that).
    /// </summary>
    public GraphQLOperationDefinition? SelectOperation(string? operationName)
    {
        GraphQLOperationDefinition? only = null;
        foreach (var definition in Document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (string.IsNullOrEmpty(operationName))
            {
                if (only is not null)
                {
                    return null;
                }

                only = operation;
            }
            else if (operation.Name is not null && operation.Name.Value == operationName)
            {
                return operation;
            }
        }

        return string.IsNullOrEmpty(operationName) ? only : null;
    }
}
