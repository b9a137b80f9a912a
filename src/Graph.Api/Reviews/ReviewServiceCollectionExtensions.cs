using Graph.Api.Schema;

namespace Graph.Api.Reviews;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Reviews: <c>addReview</c>, the review loader and node resolver.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddSingleton<IMutationFields, ReviewMutations>();
        services.AddNodeLoader<ReviewByIdDataLoader, Review>("Review");
        return services;
    }
}
