using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

/// <summary>
/// <c>addReview</c> and the rating a product shows: <c>reviewCount</c> and <c>averageRating</c> come from
/// counters on the product that the review's transaction keeps, so they must always equal what the
/// product's reviews add up to.
/// </summary>
public sealed class ReviewTests : IDisposable
{
    private const string Product1 = "UHJvZHVjdDox"; // Product:1

    private const string AddReview = """
        mutation ($productId: ID!, $rating: Int!, $body: String) {
          addReview(input: { productId: $productId, rating: $rating, body: $body }) {
            review { rating product { averageRating reviewCount } }
            errors { __typename }
          }
        }
        """;

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_seeded_counters_are_what_the_reviews_add_up_to()
    {
        using var client = _factory.CreateClient();
        await AssertCountersMatchReviewsAsync();

        var response = await client.PostAsync("{ products(first: 50) { nodes { averageRating reviewCount } } }");

        response.AssertNoErrors();
        Assert.Contains(response.Data!["products"]!["nodes"]!.AsArray(), n => n!["reviewCount"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task The_counters_migration_fills_them_from_the_reviews_already_there()
    {
        await using (var db = await CreateDbContextAsync())
        {
            // Back to the schema before the counters (the seeded reviews stay), then forward again.
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261123061322_CheckoutAttempts");
            Assert.DoesNotContain("ReviewCount", await ProductColumnsAsync(db));
            await migrator.MigrateAsync();
        }

        await AssertCountersMatchReviewsAsync();
        Assert.True((await CountersAsync(1)).Count > 0);
    }

    [Fact]
    public async Task A_review_counts_at_once_in_the_payload_and_in_later_queries()
    {
        var (count, total) = await CountersAsync(1);
        using var admin = await _factory.ClientAsAsync(DemoAccounts.Admin); // the seed has no reviews by admin

        var response = await admin.PostAsync(AddReview, new { productId = Product1, rating = 2, body = "Fine." });

        response.AssertNoErrors();
        var product = response.Data!["addReview"]!["review"]!["product"]!;
        Assert.Equal(count + 1, product["reviewCount"]!.GetValue<int>());
        Assert.Equal((total + 2) / (double)(count + 1), product["averageRating"]!.GetValue<double>(), 10);
        var later = await admin.PostAsync($$"""{ node(id: "{{Product1}}") { ... on Product { reviewCount averageRating } } }""");
        Assert.Equal(count + 1, later.Data!["node"]!["reviewCount"]!.GetValue<int>());
        await AssertCountersMatchReviewsAsync();
    }

    [Fact]
    public async Task A_refused_review_changes_no_counter()
    {
        var before = await CountersAsync(1);
        using var admin = await _factory.ClientAsAsync(DemoAccounts.Admin);
        (await admin.PostAsync(AddReview, new { productId = Product1, rating = 4 })).AssertNoErrors();
        var after = await CountersAsync(1);

        var invalid = await admin.PostAsync(AddReview, new { productId = "UHJvZHVjdDoy", rating = 9 });
        var twice = await admin.PostAsync(AddReview, new { productId = Product1, rating = 1 });

        Assert.Equal("InvalidRatingError", invalid.Data!["addReview"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Equal("AlreadyReviewedError", twice.Data!["addReview"]!["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Equal((before.Count + 1, before.Total + 4), after);
        Assert.Equal(after, await CountersAsync(1));
        await AssertCountersMatchReviewsAsync();
    }

    [Fact]
    public async Task Concurrent_reviews_of_one_product_all_count()
    {
        string[] users = [DemoAccounts.Admin, DemoAccounts.Staff, DemoAccounts.Alice, DemoAccounts.Bob];
        var clients = await Task.WhenAll(users.Select(u => _factory.ClientAsAsync(u)));
        var (count, total) = await CountersAsync(1);

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync(AddReview, new { productId = Product1, rating = 5 })));

        // Each product has one seeded review by staff, alice or bob: that one is refused, the rest land.
        Assert.All(responses, r => r.AssertNoErrors());
        Assert.Equal(3, responses.Count(r => r.Data!["addReview"]!["review"] is not null));
        Assert.Equal((count + 3, total + 15), await CountersAsync(1));
        await AssertCountersMatchReviewsAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private async Task<(int Count, int Total)> CountersAsync(int productId)
    {
        await using var db = await CreateDbContextAsync();
        var product = await db.Products.AsNoTracking().SingleAsync(p => p.Id == productId);
        return (product.ReviewCount, product.RatingTotal);
    }

    private async Task AssertCountersMatchReviewsAsync()
    {
        await using var db = await CreateDbContextAsync();
        var counters = await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.ReviewCount, p.RatingTotal }).ToListAsync();
        var sums = await db.Reviews.AsNoTracking().GroupBy(r => r.ProductId)
            .Select(g => new { ProductId = g.Key, Count = g.Count(), Total = g.Sum(r => r.Rating) })
            .ToDictionaryAsync(s => s.ProductId);
        Assert.All(counters, c =>
        {
            var sum = sums.GetValueOrDefault(c.Id);
            Assert.Equal((sum?.Count ?? 0, sum?.Total ?? 0), (c.ReviewCount, c.RatingTotal));
        });
    }

    private static async Task<List<string>> ProductColumnsAsync(ShopDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM pragma_table_info('Products')").ToListAsync();

    private async Task<ShopDbContext> CreateDbContextAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContextAsync();
}
