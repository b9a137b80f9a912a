using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Reviews;

public sealed record InvalidRatingError(int Rating) : IPayloadError
{
    public string Message => $"A rating is from {ReviewRules.MinRating} to {ReviewRules.MaxRating}.";
}

public sealed record ReviewTooLongError(int MaxLength) : IPayloadError
{
    public string Message => $"A review has at most {MaxLength} characters.";
}

public sealed record AlreadyReviewedError(string ProductId) : IPayloadError
{
    public string Message => "You have already reviewed this product.";
}

public sealed class InvalidRatingErrorType : ErrorObjectType<InvalidRatingError>
{
    public InvalidRatingErrorType() => Field(e => e.Rating);
}

public sealed class ReviewTooLongErrorType : ErrorObjectType<ReviewTooLongError>
{
    public ReviewTooLongErrorType() => Field(e => e.MaxLength);
}

public sealed class AlreadyReviewedErrorType : ErrorObjectType<AlreadyReviewedError>
{
    public AlreadyReviewedErrorType() => Field<NonNullGraphType<IdGraphType>, string>("productId").Resolve(context => context.Source.ProductId);
}

public static class ReviewRules
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxBodyLength = 2000;
}
