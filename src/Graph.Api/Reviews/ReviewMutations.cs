using Graph.Api.Accounts;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Outbox;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Mutations;
using Graph.AspNetCore.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Reviews;

/// <summary><c>addReview</c>: signed-in users, one review per product.</summary>
public sealed class ReviewMutations : IMutationFields
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.MutationField<AddReviewInputType, AddReviewPayloadType, AddReviewPayload>("addReview")
            .Description("Reviews a product: a rating from 1 to 5 and an optional text; one review per user and product.")
            .RequireSignedIn()
            .ResolveAsync(async context => await AddReviewAsync(context, context.GetInput<AddReviewInput>()));
    }

    private static async Task<AddReviewPayload> AddReviewAsync(IResolveFieldContext context, AddReviewInput input)
    {
        var errors = new List<IPayloadError>();
        if (input.Rating is < ReviewRules.MinRating or > ReviewRules.MaxRating)
        {
            errors.Add(new InvalidRatingError(input.Rating));
        }

        var body = string.IsNullOrWhiteSpace(input.Body) ? null : input.Body.Trim();
        if (body?.Length > ReviewRules.MaxBodyLength)
        {
            errors.Add(new ReviewTooLongError(ReviewRules.MaxBodyLength));
        }

        var db = context.RequestServices!.GetRequiredService<ShopDbContext>();
        if (!GlobalId.TryDecode(input.ProductId, "Product", out var productId)
            || !await db.Products.AnyAsync(p => p.Id == productId, context.CancellationToken))
        {
            errors.Insert(0, new ProductNotFoundError(input.ProductId));
        }

        if (errors.Count > 0)
        {
            return AddReviewPayload.Failed([.. errors]);
        }

        var authorId = context.User.GetUserId()!.Value;
        if (await db.Reviews.AnyAsync(r => r.ProductId == productId && r.AuthorId == authorId, context.CancellationToken))
        {
            return AddReviewPayload.Failed(new AlreadyReviewedError(input.ProductId));
        }

        var review = new Review
        {
            ProductId = productId,
            AuthorId = authorId,
            Rating = input.Rating,
            Body = body,
            CreatedAt = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        try
        {
            await SaveAsync(db, review, context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent addReview by the same user may have won the unique index.
            db.ChangeTracker.Clear();
            if (await db.Reviews.AnyAsync(r => r.ProductId == productId && r.AuthorId == authorId, context.CancellationToken))
            {
                return AddReviewPayload.Failed(new AlreadyReviewedError(input.ProductId));
            }

            throw;
        }

        // The payload's product { averageRating reviewCount } must see the new review.
        context.GetDataLoader<ProductByIdDataLoader>().Remove(productId);
        return new AddReviewPayload(review, null);
    }

    // The review and its product's counters, in one transaction: the counters are added to in SQL,
    // so concurrent reviews of one product all count.
    private static async Task SaveAsync(ShopDbContext db, Review review, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);

        // The product's reviews and rating changed: the event lets the response cache drop its pages.
        db.AddEvent(new ReviewAdded(review.Id, review.ProductId), review.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await db.Products
            .Where(p => p.Id == review.ProductId)
            .ExecuteUpdateAsync(
                product => product
                    .SetProperty(p => p.ReviewCount, p => p.ReviewCount + 1)
                    .SetProperty(p => p.RatingTotal, p => p.RatingTotal + review.Rating),
                cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
