using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>The root subscription type: every feature's live events.</summary>
public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(IEnumerable<ISubscriptionFields> features)
    {
        Name = "Subscription";
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
