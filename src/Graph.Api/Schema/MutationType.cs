using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>The root mutation type: every feature's mutations.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IMutationFields> features)
    {
        Name = "Mutation";
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
