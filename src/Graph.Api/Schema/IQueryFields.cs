using GraphQL.Types;

namespace Graph.Api.Schema;

/// <summary>A feature's root query fields; each feature folder contributes one.</summary>
public interface IQueryFields
{
    void AddTo(ObjectGraphType query);
}
