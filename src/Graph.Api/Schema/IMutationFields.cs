using GraphQL.Types;

namespace Graph.Api;

/// <summary>A feature's root mutation fields; each feature folder contributes one.</summary>
public interface IMutationFields
{
    void AddTo(ObjectGraphType mutation);
}
