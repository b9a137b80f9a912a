namespace Graph.AspNetCore.Data;

/// <summary>
/// What a page query's SQL depends on, apart from the request's values: requests of one shape share
/// one compiled query and send their values as its parameters.
/// </summary>
/// <param name="Model">The context's model (a compiled query is bound to one provider and mapping).</param>
/// <param name="Entity">The items' type.</param>
/// <param name="Filter">The filter's text, its values left out (see <see cref="FilterParameters"/>); null without one.</param>
/// <param name="Keys">The sort keys' texts, in order (<see cref="SortKey{TEntity}.Shape"/>).</param>
/// <param name="After">Whether an <c>after</c> cursor bounds the page.</param>
/// <param name="Before">Whether a <c>before</c> cursor bounds the page.</param>
/// <param name="Backward">Whether the page is read backwards.</param>
/// <param name="Count">Whether the total count rides along in the page's SELECT.</param>
/// <param name="Group">For a grouped read, the parent key's text; null for a single list.</param>
/// <param name="Members">The members each item is read with, comma-separated; null for whole entities.</param>
internal readonly record struct ConnectionShape(
    object Model,
    Type Entity,
    string? Filter,
    string Keys,
    bool After,
    bool Before,
    bool Backward,
    bool Count,
    string? Group,
    string? Members);
