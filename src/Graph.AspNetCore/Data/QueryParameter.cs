using System.Linq.Expressions;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Puts a request's value into an expression tree the way a C# closure would, so EF Core sends it
/// as a SQL parameter: constants would be inlined into the SQL text and give every value its own
/// entry in EF Core's query cache.
/// </summary>
internal static class QueryParameter
{
    /// <summary>An expression of type <paramref name="type"/> that reads <paramref name="value"/>.</summary>
    public static Expression Create(object? value, Type type) =>
        Expression.Convert(Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value)), type);

    private sealed class Holder(object? value)
    {
        public object? Value { get; } = value;
    }
}
