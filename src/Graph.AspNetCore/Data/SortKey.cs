using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>Creates sort keys.</summary>
public static class SortKey
{
    /// <summary>Creates a key named <paramref name="name"/> over <paramref name="selector"/>.</summary>
    /// <exception cref="ArgumentException">The value's type cannot be a sort key (see <see cref="SortKey{TEntity}"/>).</exception>
    public static SortKey<TEntity> Create<TEntity, TValue>(string name, Expression<Func<TEntity, TValue>> selector, SortDirection direction = SortDirection.Ascending)
        where TEntity : class =>
        SortKey<TEntity>.Create(name, selector, direction);
}

/// <summary>
/// One key of a list's order: a named value of the entity and a direction. Keys order a query
/// (<c>ORDER BY</c>), are written into cursors, and become the keyset predicate of <c>after</c>/<c>before</c>.
/// </summary>
/// <remarks>
/// Supported value types: <see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/>,
/// <see cref="bool"/> (false first) and enums (in the order of their numeric values, whatever the column
/// stores: an enum kept as text would otherwise sort alphabetically). Nullable value types are refused:
/// databases disagree on where nulls sort. A null string sorts as the empty string.
/// </remarks>
public sealed class SortKey<TEntity>
    where TEntity : class
{
    private readonly (string Ascending, string Descending) _shapes;

    private SortKey(string name, LambdaExpression selector, LambdaExpression orderSelector, KeyType keyType, SortDirection direction, (string Ascending, string Descending) shapes)
    {
        Name = name;
        Selector = selector;
        OrderSelector = orderSelector;
        KeyType = keyType;
        Direction = direction;
        _shapes = shapes;
    }

    /// <summary>The key's name (the sort input's field name); part of the cursor's fingerprint of the order.</summary>
    public string Name { get; }

    /// <summary>The value as declared, e.g. <c>p =&gt; p.Price</c>.</summary>
    public LambdaExpression Selector { get; }

    /// <summary>The direction.</summary>
    public SortDirection Direction { get; }

    /// <summary>The value in the form that is ordered and compared (booleans and enums as ranks, strings never null).</summary>
    internal LambdaExpression OrderSelector { get; }

    /// <summary>How the ordered value is compared and written into cursors.</summary>
    internal KeyType KeyType { get; }

    /// <summary>
    /// The key as text (name, direction and ordered value), part of a compiled page query's shape: two
    /// keys of one name over different values must not share a query. Written once, when the key is declared.
    /// </summary>
    internal string Shape => Direction == SortDirection.Ascending ? _shapes.Ascending : _shapes.Descending;

    /// <summary>Creates a key; see <see cref="SortKey.Create{TEntity, TValue}"/>.</summary>
    internal static SortKey<TEntity> Create<TValue>(string name, Expression<Func<TEntity, TValue>> selector, SortDirection direction)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(selector);
        var body = selector.Body;
        var type = typeof(TValue);
        if (Nullable.GetUnderlyingType(type) is not null)
        {
            throw new ArgumentException($"Sort key '{name}' is of the nullable type {type.Name}; databases disagree on where nulls sort.", nameof(selector));
        }

        if (type == typeof(bool))
        {
            body = Expression.Condition(body, Expression.Constant(1), Expression.Constant(0));
        }
        else if (type.IsEnum)
        {
            body = Rank(body, type);
        }
        else if (type == typeof(string))
        {
            body = Expression.Coalesce(body, Expression.Constant(string.Empty));
        }

        var keyType = KeyType.For(body.Type)
            ?? throw new ArgumentException($"Sort key '{name}' is of type {type.Name}, which cannot order a keyset-paged list.", nameof(selector));
        var orderSelector = Expression.Lambda(body, selector.Parameters);
        var text = orderSelector.ToString();
        return new SortKey<TEntity>(name, selector, orderSelector, keyType, direction, ($"{name} asc {text};", $"{name} desc {text};"));
    }

    /// <summary>The same key in another direction.</summary>
    public SortKey<TEntity> WithDirection(SortDirection direction) =>
        direction == Direction ? this : new SortKey<TEntity>(Name, Selector, OrderSelector, KeyType, direction, _shapes);

    // An enum's rank is its position by numeric value: CASE WHEN x = A THEN 0 WHEN x = B THEN 1 ... END.
    // Only equality is asked of the database, which every value conversion translates.
    private static Expression Rank(Expression value, Type enumType)
    {
        var members = Enum.GetValuesAsUnderlyingType(enumType).Cast<object>()
            .Select(underlying => Enum.ToObject(enumType, underlying))
            .Distinct()
            .Order()
            .ToArray();
        Expression rank = Expression.Constant(members.Length);
        for (var i = members.Length - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(value, Expression.Constant(members[i], enumType)), Expression.Constant(i), rank);
        }

        return rank;
    }
}
