using System.Linq.Expressions;
using GraphQL.Builders;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The <c>where</c> input of a list of <typeparamref name="TEntity"/>: declare one per entity, field by
/// field, each over an expression EF Core translates (<c>Field("price", p =&gt; p.Price)</c>,
/// <c>Field("inStock", p =&gt; p.Stock &gt; 0)</c>). The input has <c>and</c> and <c>or</c> lists of itself,
/// and each field takes the operation input of its value's type. A filter becomes an
/// <c>Expression&lt;Func&lt;TEntity, bool&gt;&gt;</c> for <c>Where</c>: nothing is filtered in memory.
/// </summary>
/// <remarks>
/// Semantics: the fields and operations given in one object must all hold; an absent or null field or
/// operation sets no condition, except <c>eq: null</c> / <c>neq: null</c>, which test for a missing value;
/// <c>and: []</c> holds for every item, <c>or: []</c> for none.
/// </remarks>
public abstract class FilterInputType<TEntity> : InputObjectGraphType
    where TEntity : class
{
    private readonly Dictionary<string, LambdaExpression> _selectors = new(StringComparer.Ordinal);

    /// <summary>Creates the input named <c>{TEntity}FilterInput</c> with its <c>and</c> and <c>or</c> fields.</summary>
    protected FilterInputType()
    {
        var entity = typeof(TEntity).Name;
        Name = $"{entity}FilterInput";
        Description = $"Conditions on {entity} items; every one given must hold.";

        // The concrete type's own CLR type, so the lists refer to the registered subclass.
        var list = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(GetType()));
        Field(FilterOperations.And, list).Description("Every one of these filters must hold.");
        Field(FilterOperations.Or, list).Description("At least one of these filters must hold.");
    }

    /// <summary>The deepest nesting of <c>and</c>/<c>or</c> lists accepted (default 5).</summary>
    public int MaxDepth { get; set; } = 5;

    /// <summary>The longest <c>in</c>/<c>nin</c> list accepted (default 100).</summary>
    public int MaxListLength { get; set; } = 100;

    /// <summary>The most operations one filter may hold in all (default 100).</summary>
    public int MaxConditions { get; set; } = 100;

    /// <summary>
    /// Declares a field filtering on <paramref name="selector"/>, typed with the operation input of the
    /// value's type (string, bool, int, long, decimal, double, DateTime, DateTimeOffset, Guid, enums, and
    /// their nullable forms). Returns graphql-dotnet's builder of the input field, for a description,
    /// metadata or directives (e.g. to authorize a filter on a protected field).
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken or no operation input filters the value's type.</exception>
    public FieldBuilder<object, object> Field<TValue>(string name, Expression<Func<TEntity, TValue>> selector)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(selector);
        var operations = OperationFilterInputTypes.For(typeof(TValue));
        if (name is FilterOperations.And or FilterOperations.Or || !_selectors.TryAdd(name, selector))
        {
            throw new ArgumentException($"'{Name}' already has a field '{name}'.", nameof(name));
        }

        return Field(name, operations);
    }

    /// <summary>
    /// The predicate of a parsed <c>where</c> value (the dictionary graphql-dotnet makes of the input);
    /// null when it sets no condition.
    /// </summary>
    /// <exception cref="GraphQL.ExecutionError">The filter is nested too deep, has too long a list or too many conditions.</exception>
    public Expression<Func<TEntity, bool>>? ToPredicate(object? where) => new FilterExpressionBuilder<TEntity>(this).Build(where);

    /// <summary>The selector of a declared field.</summary>
    internal LambdaExpression? FindSelector(string name) => _selectors.GetValueOrDefault(name);
}
