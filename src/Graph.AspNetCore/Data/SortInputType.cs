using System.Collections;
using System.Linq.Expressions;
using GraphQL.Builders;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The <c>order</c> input of a list of <typeparamref name="TEntity"/>: declare one per entity, field by
/// field (<c>Field("price", p =&gt; p.Price)</c>), each of type <c>SortEnumType</c>. The argument
/// <c>order: [XSortInput!]</c> sorts by its items in list order, and within one item by the fields in
/// declaration order; the list's unique key is appended last.
/// </summary>
public abstract class SortInputType<TEntity> : InputObjectGraphType
    where TEntity : class
{
    private readonly List<SortKey<TEntity>> _keys = [];

    /// <summary>Creates the input named <c>{TEntity}SortInput</c>.</summary>
    protected SortInputType()
    {
        var entity = typeof(TEntity).Name;
        Name = $"{entity}SortInput";
        Description = $"Sort keys of {entity} items.";
    }

    /// <summary>
    /// Declares a sort field over <paramref name="selector"/> (see <see cref="SortKey{TEntity}"/> for the
    /// value types). Returns graphql-dotnet's builder of the input field, for a description, metadata or directives.
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken or the value's type cannot be a sort key.</exception>
    public FieldBuilder<object, object> Field<TValue>(string name, Expression<Func<TEntity, TValue>> selector)
    {
        var key = SortKey.Create(name, selector);
        if (_keys.Exists(k => k.Name == name))
        {
            throw new ArgumentException($"'{Name}' already has a field '{name}'.", nameof(name));
        }

        _keys.Add(key);
        return Field<SortEnumType>(name);
    }

    /// <summary>
    /// The sort keys of a parsed <c>order</c> value (a list of the dictionaries graphql-dotnet makes of the
    /// input, or one dictionary); a field named again is ignored, as it would not change the order.
    /// </summary>
    public IReadOnlyList<SortKey<TEntity>> ToSortKeys(object? order)
    {
        var items = order switch
        {
            null => [],
            IDictionary<string, object?> single => [single],
            IEnumerable list => list.Cast<IDictionary<string, object?>>(),
            _ => throw new ArgumentException($"Not a parsed '{Name}' value.", nameof(order)),
        };

        var keys = new List<SortKey<TEntity>>();
        foreach (var item in items)
        {
            foreach (var key in _keys)
            {
                if (item.TryGetValue(key.Name, out var direction) && direction is SortDirection value && !keys.Exists(k => k.Name == key.Name))
                {
                    keys.Add(key.WithDirection(value));
                }
            }
        }

        return keys;
    }
}
