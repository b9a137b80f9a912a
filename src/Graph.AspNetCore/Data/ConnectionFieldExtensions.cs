using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>Relay connection fields on any object type.</summary>
public static class ConnectionFieldExtensions
{
    /// <summary>
    /// Adds <c>name(first: Int, after: String, last: Int, before: String): {Node}Connection</c>, keyset
    /// paged; configure it on the returned builder (<c>Key</c> is required, <c>Filter</c>/<c>Sort</c> add
    /// <c>where</c>/<c>order</c>) and finish with <c>ResolveAsync</c>. The field is nullable, as
    /// HotChocolate's are: a bad argument nulls this field, not its parent.
    /// </summary>
    /// <typeparam name="TNodeGraphType">The items' graph type, e.g. <c>ProductType</c>.</typeparam>
    /// <typeparam name="TSource">The source type of the type the field is added to (<c>object?</c> on the query type).</typeparam>
    /// <typeparam name="TEntity">The items' CLR type, e.g. <c>Product</c>.</typeparam>
    public static ConnectionFieldBuilder<TSource, TEntity> Connection<TNodeGraphType, TSource, TEntity>(this ObjectGraphType<TSource> type, string name)
        where TNodeGraphType : IGraphType
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ConnectionFieldBuilder<TSource, TEntity>(type.Field<ConnectionType<TNodeGraphType>, Connection<TEntity>>(name));
    }
}
