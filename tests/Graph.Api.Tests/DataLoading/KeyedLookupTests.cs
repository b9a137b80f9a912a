using Graph.Api.Carts;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.DataLoading;

/// <summary>
/// A loader batch of one key reads <c>WHERE key = @key</c>; a larger batch reads the key list as one
/// parameter (<c>json_each</c>): both give the same rows (<see cref="KeyedLookup{TEntity, TKey}"/>),
/// by a unique key or grouped by a foreign key in the lookup's order.
/// </summary>
public sealed class KeyedLookupTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public KeyedLookupTests()
    {
        _factory.Settings["GraphQL:ResponseCache:Enabled"] = "false";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_product_page_looks_its_product_and_category_up_by_one_bound_key()
    {
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();

        var response = await client.PostAsync("query ($slug: String!) { productBySlug(slug: $slug) { name category { slug } } }", new { slug = "classic-novel-1" });

        response.AssertNoErrors();
        Assert.Equal("books", response.Data!["productBySlug"]!["category"]!["slug"]!.GetValue<string>());
        var product = Assert.Single(_factory.SqlCommands.Commands, c => c.Contains("FROM \"Products\"", StringComparison.Ordinal));
        var category = Assert.Single(_factory.SqlCommands.Commands, c => c.Contains("FROM \"Categories\"", StringComparison.Ordinal));
        Assert.Contains("\"p\".\"Slug\" = @", product, StringComparison.Ordinal);
        Assert.Contains("\"c\".\"Id\" = @", category, StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.SqlCommands.Commands, c => c.Contains("json_each", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_keys_are_read_as_one_list_parameter()
    {
        var ids = new[] { 3, 1, 2 }.Select(i => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{i}"))).ToArray();
        using var client = _factory.CreateClient();
        _factory.SqlCommands.Reset();

        var response = await client.PostAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        response.AssertNoErrors();
        Assert.Equal(ids, response.Data!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        var products = Assert.Single(_factory.SqlCommands.Commands, c => c.Contains("FROM \"Products\"", StringComparison.Ordinal));
        Assert.Contains("json_each", products, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_key_and_a_list_of_keys_read_the_same_rows_and_leave_out_a_key_not_found()
    {
        var lookup = new KeyedLookup<Product, string>(p => p.Slug, StringComparer.Ordinal);
        var pool = _factory.Services.GetRequiredService<SqliteReadContextPool>();
        var db = await pool.RentAsync(CancellationToken.None);
        try
        {
            var one = await lookup.ReadAsync(db, ["classic-novel-1"], CancellationToken.None);
            var many = await lookup.ReadAsync(db, ["no-such-product", "classic-novel-1", "everyday-cookbook-2"], CancellationToken.None);
            var missing = await lookup.ReadAsync(db, ["no-such-product"], CancellationToken.None);
            var whole = await db.Products.AsNoTracking().SingleAsync(p => p.Slug == "classic-novel-1");

            Assert.Equal(["classic-novel-1"], one.Keys);
            Assert.Equal(["classic-novel-1", "everyday-cookbook-2"], many.Keys.Order(StringComparer.Ordinal));
            Assert.Empty(missing);
            foreach (var found in new[] { one["classic-novel-1"], many["classic-novel-1"] })
            {
                Assert.Equal((whole.Id, whole.Name, whole.Price, whole.Stock, whole.CategoryId), (found.Id, found.Name, found.Price, found.Stock, found.CategoryId));
            }
        }
        finally
        {
            pool.Return(db, healthy: true);
        }
    }

    [Fact]
    public async Task Grouped_by_a_foreign_key_one_key_and_a_list_of_keys_read_each_group_in_order()
    {
        var lookup = new KeyedLookup<CartItem, int>(c => c.UserId, order: items => items.OrderBy(c => c.AddedAt).ThenBy(c => c.ProductId));
        var pool = _factory.Services.GetRequiredService<SqliteReadContextPool>();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var write = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            var users = await write.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToListAsync();
            var products = await write.Products.OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync();
            var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            write.CartItems.AddRange(
                new CartItem { UserId = users[0], ProductId = products[2], Quantity = 1, AddedAt = at },
                new CartItem { UserId = users[0], ProductId = products[0], Quantity = 2, AddedAt = at.AddMinutes(1) },
                new CartItem { UserId = users[0], ProductId = products[1], Quantity = 3, AddedAt = at },
                new CartItem { UserId = users[1], ProductId = products[0], Quantity = 4, AddedAt = at });
            await write.SaveChangesAsync();
            users.Add(-1);

            var db = await pool.RentAsync(CancellationToken.None);
            try
            {
                var one = await lookup.ReadGroupsAsync(db, [users[0]], CancellationToken.None);
                var many = await lookup.ReadGroupsAsync(db, users, CancellationToken.None);

                // Added at the same time, then by product: the order the loader promises the cart.
                int[] expected = [products[1], products[2], products[0]];
                Assert.Equal(expected, one[users[0]].Select(c => c.ProductId));
                Assert.Equal(expected, many[users[0]].Select(c => c.ProductId));
                Assert.Equal([4], many[users[1]].Select(c => c.Quantity));
                Assert.Empty(many[-1]);
                Assert.Equal(2, many.Count);
            }
            finally
            {
                pool.Return(db, healthy: true);
            }
        }
    }
}
