using GraphQL;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// The fields of one request that <see cref="AuthorizationValidationRule"/> denied before execution,
/// each with its error. Kept in the request's user context; read by the field resolvers.
/// </summary>
public sealed class AuthorizationDecisions
{
    /// <summary>The user-context key.</summary>
    public const string UserContextKey = "graph.authorization.decisions";

    private readonly Dictionary<GraphQLField, ExecutionError> _denied = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records a denied field.</summary>
    public void Deny(GraphQLField field, ExecutionError error) => _denied[field] = error;

    /// <summary>
    /// Whether the field was denied, and a new error saying so. Each call gets its own instance: the
    /// engine adds a location and sets a path on the error it is given, so one instance thrown for
    /// every item of a list would carry every item's location and only the last item's path.
    /// </summary>
    public bool IsDenied(GraphQLField field, out ExecutionError error)
    {
        if (!_denied.TryGetValue(field, out var decided))
        {
            error = null!;
            return false;
        }

        error = new ExecutionError(decided.Message) { Code = decided.Code };
        return true;
    }

    /// <summary>The decisions of a request, if the rule ran for it.</summary>
    public static AuthorizationDecisions? Of(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(UserContextKey, out var value) ? value as AuthorizationDecisions : null;
}
