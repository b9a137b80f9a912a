using Graph.Api.Catalog;
using Graph.Api.Schema;
using Graph.AspNetCore.Mutations;
using GraphQL.Types;

namespace Graph.Api.Reviews;

public sealed record AddReviewInput(string ProductId, int Rating, string? Body);

public sealed record AddReviewPayload(Review? Review, IReadOnlyList<IPayloadError>? Errors) : IPayload
{
    public static AddReviewPayload Failed(params IPayloadError[] errors) => new(null, errors);
}

public sealed class AddReviewInputType : InputObjectGraphType<AddReviewInput>
{
    public AddReviewInputType()
    {
        Name = "AddReviewInput";
        Field<NonNullGraphType<IdGraphType>>("productId");
        Field(i => i.Rating).Description("From 1 to 5.");
        Field(i => i.Body, nullable: true).Description($"At most {ReviewRules.MaxBodyLength} characters.").Validate(DisplayText.MultiLine("body"));
    }
}

public sealed class AddReviewPayloadType : PayloadType<AddReviewPayload>
{
    public AddReviewPayloadType()
        : base("AddReviewPayload")
    {
        Field<ReviewType, Review>("review").Description("The new review.").Resolve(context => context.Source.Review);
        Errors(typeof(ProductNotFoundErrorType), typeof(InvalidRatingErrorType), typeof(ReviewTooLongErrorType), typeof(AlreadyReviewedErrorType));
    }
}
