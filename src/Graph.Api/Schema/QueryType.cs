using Graph.AspNetCore.Relay;
using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>The root query type: Relay's <c>node</c>/<c>nodes</c> and every feature's fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<IQueryFields> features)
    {
        Name = "Query";
        this.AddNodeFields();
        foreach (var feature in features)
        {
            feature.AddTo(this);
        }
    }
}
