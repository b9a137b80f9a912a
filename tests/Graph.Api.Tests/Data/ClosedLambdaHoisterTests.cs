using System.Linq.Expressions;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data;

/// <summary>
/// Nested lambdas that close over nothing are compiled once (<see cref="ClosedLambdaHoister"/>), so
/// an EF Core query's executor no longer makes its shaper's delegate on every execution.
/// </summary>
public sealed class ClosedLambdaHoisterTests
{
    [Fact]
    public void A_closed_nested_lambda_becomes_one_delegate_made_once()
    {
        Expression<Func<int, Func<int, int>>> root = x => y => y + 1;

        var hoisted = ClosedLambdaHoister.Hoist(root);

        Assert.IsType<ConstantExpression>(hoisted.Body, exactMatch: false);
        var compiled = hoisted.Compile();
        Assert.Same(compiled(1), compiled(2));
        Assert.Equal(8, compiled(1)(7));
    }

    [Fact]
    public void A_lambda_over_a_parameter_of_the_enclosing_code_stays_a_closure()
    {
        Expression<Func<int, Func<int, int>>> root = x => y => x + y;

        var hoisted = ClosedLambdaHoister.Hoist(root);

        Assert.IsType<LambdaExpression>(hoisted.Body, exactMatch: false);
        var compiled = hoisted.Compile();
        Assert.Equal(3, compiled(1)(2));
        Assert.Equal(12, compiled(10)(2));
    }

    [Fact]
    public void A_lambda_over_a_variable_of_an_enclosing_block_stays_a_closure()
    {
        var x = Expression.Parameter(typeof(int), "x");
        var v = Expression.Variable(typeof(int), "v");
        var y = Expression.Parameter(typeof(int), "y");
        var inner = Expression.Lambda<Func<int, int>>(Expression.Multiply(v, y), y);
        var root = Expression.Lambda<Func<int, Func<int, int>>>(
            Expression.Block([v], Expression.Assign(v, Expression.Add(x, Expression.Constant(1))), inner), x);

        var compiled = ClosedLambdaHoister.Hoist(root).Compile();

        Assert.Equal(6, compiled(1)(3));
        Assert.Equal(15, compiled(4)(3));
    }

    [Fact]
    public void A_quoted_lambda_stays_an_expression()
    {
        Expression<Func<IQueryable<int>, IQueryable<int>>> root = q => q.Where(i => i > 1);

        var hoisted = ClosedLambdaHoister.Hoist(root);

        var call = Assert.IsType<MethodCallExpression>(hoisted.Body, exactMatch: false);
        Assert.Equal(ExpressionType.Quote, call.Arguments[1].NodeType);
        Assert.Equal([2, 3], hoisted.Compile()(new[] { 1, 2, 3 }.AsQueryable()));
    }

    [Fact]
    public async Task Sqlite_queries_compile_through_it_and_answer_as_before()
    {
        using var factory = new ShopApiFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();
        Assert.Equal("HoistingSqliteQueryCompilationContextFactory", db.GetService<IQueryCompilationContextFactory>().GetType().Name);

        // A parameter, a nested collection (its own shaper) and a projection over the outer row.
        var limit = 20m;
        var shaped = await db.Products.AsNoTracking()
            .Where(p => p.Price < limit)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, Ratings = db.Reviews.Where(r => r.ProductId == p.Id).OrderBy(r => r.Id).Select(r => r.Rating).ToList() })
            .ToListAsync();

        var products = await db.Products.AsNoTracking().ToListAsync();
        var reviews = await db.Reviews.AsNoTracking().ToListAsync();
        var expected = products.Where(p => p.Price < limit).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, Ratings = reviews.Where(r => r.ProductId == p.Id).OrderBy(r => r.Id).Select(r => r.Rating).ToList() })
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(expected, p => p.Ratings.Count > 0);
        Assert.Equal(expected.Select(p => (p.Id, p.Name, string.Join(",", p.Ratings))), shaped.Select(p => (p.Id, p.Name, string.Join(",", p.Ratings))));
    }
}
