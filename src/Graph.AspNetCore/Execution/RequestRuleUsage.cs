using GraphQL.Validation;

namespace Graph.AspNetCore.Execution;

/// <summary>
/// Which <see cref="IRequestValidationRule"/>s a document needs on its later, cached requests,
/// recorded during its first, full validation. Whether a rule has anything to check in a document
/// (the authorization rule: does it select a protected field at all?) depends on the document
/// alone, so a cached document that never needs a rule skips its walk of the syntax tree.
/// </summary>
public sealed class RequestRuleUsage
{
    private const string UserContextKey = "Graph.AspNetCore.RequestRuleUsage";
    private readonly HashSet<IRequestValidationRule> _needed = [];

    /// <summary>Records that <paramref name="rule"/> has work to do in the document being validated.</summary>
    public static void MarkNeeded(ValidationContext context, IRequestValidationRule rule)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.UserContext.TryGetValue(UserContextKey, out var value) && value is RequestRuleUsage usage)
        {
            lock (usage._needed)
            {
                usage._needed.Add(rule);
            }
        }
    }

    internal static RequestRuleUsage Track(IDictionary<string, object?> userContext)
    {
        var usage = new RequestRuleUsage();
        userContext[UserContextKey] = usage;
        return usage;
    }

    /// <summary>The rules of <paramref name="rules"/> a cached run of the document needs, in their order.</summary>
    internal IValidationRule[] Select(IValidationRule[] rules)
    {
        lock (_needed)
        {
            return Array.FindAll(rules, rule => rule is not IRequestValidationRule { DeclaresUsage: true } declaring || _needed.Contains(declaring));
        }
    }
}
