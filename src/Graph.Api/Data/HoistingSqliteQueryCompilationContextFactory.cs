#pragma warning disable EF1001 // SqliteQueryCompilationContext is EF Core's own, public but in an Internal namespace.
#pragma warning disable EF9100 // CreateQueryExecutorExpression is marked as part of the precompiled-query preview.

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;

namespace Graph.Api.Data;

/// <summary>
/// The SQLite provider's query compilation, with the executor's closed nested lambdas (the shaper,
/// the command resolver) compiled once instead of made again on every execution
/// (<see cref="ClosedLambdaHoister"/>). Everything else is the provider's.
/// </summary>
internal sealed class HoistingSqliteQueryCompilationContextFactory(
    QueryCompilationContextDependencies dependencies,
    RelationalQueryCompilationContextDependencies relationalDependencies) : IQueryCompilationContextFactory
{
    public QueryCompilationContext Create(bool async) => new Context(dependencies, relationalDependencies, async);

    public QueryCompilationContext CreatePrecompiled(bool async) =>
        new SqliteQueryCompilationContext(dependencies, relationalDependencies, async, precompiling: true);

    private sealed class Context(
        QueryCompilationContextDependencies dependencies,
        RelationalQueryCompilationContextDependencies relationalDependencies,
        bool async) : SqliteQueryCompilationContext(dependencies, relationalDependencies, async)
    {
        // What QueryCompilationContext.CreateQueryExecutor does, with the lambdas hoisted before the compilation.
        public override Func<QueryContext, TResult> CreateQueryExecutor<TResult>(Expression query)
        {
            var executor = CreateQueryExecutorExpression<TResult>(query);
            var inlined = (Expression<Func<QueryContext, TResult>>)Dependencies.LiftableConstantProcessor.InlineConstants(executor, SupportsPrecompiledQuery);
            try
            {
                return ClosedLambdaHoister.Hoist(inlined).Compile();
            }
            finally
            {
                Logger.QueryExecutionPlanned(Dependencies.Context, new ExpressionPrinter(), executor);
            }
        }
    }
}
