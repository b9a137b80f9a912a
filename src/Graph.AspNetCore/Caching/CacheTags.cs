namespace Graph.AspNetCore.Caching;

/// <summary>
/// How cache tags are spelled. A tag names something a result was read from: an entity
/// (<c>Product:12</c>, its GraphQL type name and key), a list of one type (<c>Products</c>, any
/// list that is not a parent's own) or a parent's list (<c>Category:3/products</c>). A change names
/// the tags it makes stale, and <see cref="ResponseCache.Invalidate"/> drops every result carrying one.
/// </summary>
public static class CacheTags
{
    /// <summary>The tag of one entity: <c>{typeName}:{key}</c>.</summary>
    public static string Entity(string typeName, object key) => FormattableString.Invariant($"{typeName}:{key}");

    /// <summary>
    /// The tag of any list of <paramref name="typeName"/> (a root list, a lookup that found nothing):
    /// the plural of the type name, <c>Products</c>, <c>Categories</c>.
    /// </summary>
    public static string List(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        return typeName.EndsWith('y') && typeName.Length > 1 && !"aeiou".Contains(typeName[^2], StringComparison.Ordinal)
            ? string.Concat(typeName.AsSpan(0, typeName.Length - 1), "ies")
            : typeName.EndsWith('s') ? typeName + "es" : typeName + "s";
    }

    /// <summary>The tag of a parent's list field: <c>{parentTag}/{field}</c>, e.g. <c>Category:3/products</c>.</summary>
    public static string Child(string parentTag, string field) => parentTag + "/" + field;
}
