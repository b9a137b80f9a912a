using Graph.AspNetCore.Execution;
using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Turns one parsed <c>where</c> value into a predicate over <typeparamref name="TEntity"/>, enforcing the
/// filter type's limits. A null expression stands for "no condition", so an empty filter adds no WHERE.
/// </summary>
internal sealed class FilterExpressionBuilder<TEntity>(FilterInputType<TEntity> type)
    where TEntity : class
{
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    private readonly ParameterExpression _entity = Expression.Parameter(typeof(TEntity), "e");
    private int _conditions;

    public Expression<Func<TEntity, bool>>? Build(object? where) =>
        where is IDictionary<string, object?> input && BuildObject(input, depth: 0) is { } body
            ? Expression.Lambda<Func<TEntity, bool>>(body, _entity)
            : null;

    private Expression? BuildObject(IDictionary<string, object?> input, int depth)
    {
        Expression? all = null;
        foreach (var (name, value) in input)
        {
            if (value is null)
            {
                continue;
            }

            var condition = name switch
            {
                FilterOperations.And => BuildList(value, depth, and: true),
                FilterOperations.Or => BuildList(value, depth, and: false),
                _ => BuildField(name, (IDictionary<string, object?>)value),
            };
            all = And(all, condition);
        }

        return all;
    }

    private Expression? BuildList(object value, int depth, bool and)
    {
        if (depth >= type.MaxDepth)
        {
            throw new ExecutionError($"The filter nests `and`/`or` deeper than {type.MaxDepth} levels.") { Code = ErrorCodes.FilterTooDeep };
        }

        var items = ((IEnumerable)value).Cast<IDictionary<string, object?>>().Select(item => BuildObject(item, depth + 1)).ToList();
        if (and)
        {
            return items.Aggregate((Expression?)null, And);
        }

        // Any unconstrained branch makes the whole "or" unconstrained; no branch at all matches nothing.
        if (items.Any(item => item is null))
        {
            return null;
        }

        return items.Count == 0 ? Expression.Constant(false) : items.Aggregate((a, b) => Expression.OrElse(a!, b!));
    }

    private Expression? BuildField(string name, IDictionary<string, object?> operations)
    {
        var selector = type.FindSelector(name)
            ?? throw new InvalidOperationException($"'{type.Name}.{name}' was not declared with {nameof(FilterInputType<TEntity>.Field)}(name, selector).");
        var column = ParameterReplacer.Apply(selector, _entity);
        Expression? all = null;
        foreach (var (operation, operand) in operations)
        {
            if (++_conditions > type.MaxConditions)
            {
                throw new ExecutionError($"The filter holds more than {type.MaxConditions} conditions.") { Code = ErrorCodes.FilterTooComplex };
            }

            all = And(all, BuildOperation(column, operation, operand));
        }

        return all;
    }

    private Expression? BuildOperation(Expression column, string operation, object? operand) => operation switch
    {
        FilterOperations.Equal => operand is null ? IsNull(column) : Expression.Equal(column, Value(operand, column.Type)),
        FilterOperations.NotEqual => operand is null ? Expression.Not(IsNull(column)) : Expression.NotEqual(column, Value(operand, column.Type)),
        _ when operand is null => null,
        FilterOperations.In => In(column, (IEnumerable)operand),
        FilterOperations.NotIn => Expression.Not(In(column, (IEnumerable)operand)),
        FilterOperations.GreaterThan => Expression.GreaterThan(column, Value(operand, column.Type)),
        FilterOperations.GreaterThanOrEqual => Expression.GreaterThanOrEqual(column, Value(operand, column.Type)),
        FilterOperations.LessThan => Expression.LessThan(column, Value(operand, column.Type)),
        FilterOperations.LessThanOrEqual => Expression.LessThanOrEqual(column, Value(operand, column.Type)),
        FilterOperations.Contains => Text(column, StringContains, operand),
        FilterOperations.StartsWith => Text(column, StringStartsWith, operand),
        _ => throw new InvalidOperationException($"Unknown filter operation '{operation}'."),
    };

    // A column that cannot be null is never equal to null: the test is a constant, not SQL.
    private static Expression IsNull(Expression column) =>
        !column.Type.IsValueType || Nullable.GetUnderlyingType(column.Type) is not null
            ? Expression.Equal(column, Expression.Constant(null, column.Type))
            : Expression.Constant(false);

    // Case-insensitive for the letters A-Z: lower(column) against the operand lowered the same way.
    // SQLite's lower() folds ASCII letters only, and so does PostgreSQL's under the "C" collation, so
    // both databases give the same rows (other letters compare exactly on both).
    // The null test keeps LINQ to Objects from throwing on a missing text; on SQL EF Core drops it for required columns.
    private static BinaryExpression Text(Expression column, MethodInfo method, object operand) =>
        Expression.AndAlso(
            Expression.NotEqual(column, Expression.Constant(null, typeof(string))),
            Expression.Call(Expression.Call(column, StringToLower), method, QueryParameter.Create(AsciiLower((string)operand), typeof(string))));

    private static string AsciiLower(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });

    private MethodCallExpression In(Expression column, IEnumerable operand)
    {
        var items = operand.Cast<object>().ToList();
        if (items.Count > type.MaxListLength)
        {
            throw new ExecutionError($"An `in`/`nin` list holds {items.Count} values; at most {type.MaxListLength} are allowed.")
            {
                Code = ErrorCodes.FilterListTooLong,
            };
        }

        var values = Array.CreateInstance(column.Type, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            values.SetValue(Convert(items[i], column.Type), i);
        }

        return Expression.Call(LinqMethods.EnumerableContains.MakeGenericMethod(column.Type), QueryParameter.Create(values, values.GetType()), column);
    }

    private static Expression Value(object operand, Type columnType) => QueryParameter.Create(Convert(operand, columnType), columnType);

    // graphql-dotnet parses each scalar to its CLR type; only a declared type narrower than the scalar needs converting.
    private static object Convert(object value, Type columnType)
    {
        var type = Nullable.GetUnderlyingType(columnType) ?? columnType;
        return type.IsInstanceOfType(value) ? value : System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    private static Expression? And(Expression? left, Expression? right) =>
        left is null ? right : right is null ? left : Expression.AndAlso(left, right);
}
