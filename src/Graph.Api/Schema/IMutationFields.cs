using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>A feature's root mutation fields; each feature folder contributes one.</summary>
public interface IMutationFields
{
    void AddTo(ObjectGraphType mutation);
}
