using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Compiles a page query with <see cref="EF.CompileAsyncQuery{TContext, TResult}(Expression{Func{TContext, IQueryable{TResult}}})"/>
/// once per shape. EF Core turns only the compiled lambda's own (scalar or list) parameters into SQL
/// parameters: a member or element read from a parameter (<c>args.Values[0]</c>, <c>args[0]</c>) is not
/// translated. So each request value is a typed parameter of its own, at most
/// <see cref="MaxParameters"/>, and the compiled delegate is called through an invoker that takes them as an array.
/// </summary>
internal static class CompiledPageQuery
{
    /// <summary>The most parameters (besides the context) <c>EF.CompileAsyncQuery</c> takes.</summary>
    public const int MaxParameters = 15;

    // EF.CompileAsyncQuery<TContext, TParam1, …, TResult>(Expression<Func<TContext, TParam1, …, IQueryable<TResult>>>), by parameter count.
    private static readonly MethodInfo[] CompileMethods = FindCompileMethods();

    /// <summary>
    /// Compiles <paramref name="body"/> (an <see cref="IQueryable{T}"/> of <typeparamref name="TResult"/> over
    /// <paramref name="context"/> and <paramref name="parameters"/>) into a delegate that runs it with the
    /// values given in parameter order.
    /// </summary>
    public static Func<DbContext, object?[], IAsyncEnumerable<TResult>> Compile<TResult>(
        ParameterExpression context, IReadOnlyList<ParameterExpression> parameters, Expression body)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parameters.Count, MaxParameters);
        Type[] types = [typeof(DbContext), .. parameters.Select(p => p.Type), typeof(IQueryable<TResult>)];
        var query = Expression.Lambda(Expression.GetFuncType(types), body, [context, .. parameters]);
        Type[] arguments = [.. types[..^1], typeof(TResult)];
        var compiled = (Delegate)CompileMethods[parameters.Count].MakeGenericMethod(arguments).Invoke(null, [query])!;

        // (db, values) => compiled(db, (T1)values[0], (T2)values[1], …)
        var db = Expression.Parameter(typeof(DbContext), "db");
        var values = Expression.Parameter(typeof(object?[]), "values");
        var call = Expression.Invoke(
            Expression.Constant(compiled),
            [db, .. parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), p.Type))]);
        return Expression.Lambda<Func<DbContext, object?[], IAsyncEnumerable<TResult>>>(call, db, values).Compile();
    }

    /// <summary>Reads the results of a compiled query into a list.</summary>
    public static async Task<List<TResult>> ToListAsync<TResult>(IAsyncEnumerable<TResult> results, CancellationToken cancellationToken)
    {
        var list = new List<TResult>();
        await foreach (var result in results.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(result);
        }

        return list;
    }

    private static MethodInfo[] FindCompileMethods()
    {
        var methods = new MethodInfo[MaxParameters + 1];
        foreach (var method in typeof(EF).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (method.Name != nameof(EF.CompileAsyncQuery) || !method.IsGenericMethodDefinition)
            {
                continue;
            }

            // Expression<Func<TContext, TParam1, …, IQueryable<TResult>>>: the lambda's result is an IQueryable.
            var lambda = method.GetParameters()[0].ParameterType.GetGenericArguments()[0];
            var result = lambda.GetGenericArguments()[^1];
            if (result.IsGenericType && result.GetGenericTypeDefinition() == typeof(IQueryable<>))
            {
                methods[method.GetGenericArguments().Length - 2] = method;
            }
        }

        return methods;
    }
}
