using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>A feature's root subscription fields.</summary>
public interface ISubscriptionFields
{
    void AddTo(ObjectGraphType subscription);
}
