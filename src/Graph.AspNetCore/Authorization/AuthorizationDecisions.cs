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

    /// <summary>Whether the field was denied, and with which error.</summary>
    public bool IsDenied(GraphQLField field, out ExecutionError error) => _denied.TryGetValue(field, out error!);

    /// <summary>The decisions of a request, if the rule ran for it.</summary>
    public static AuthorizationDecisions? Of(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(UserContextKey, out var value) ? value as AuthorizationDecisions : null;
}
