using Graph.Api.Schema;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Relay;

namespace Graph.Api.Reviews;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Reviews: <c>addReview</c>, the review loader and node resolver.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddSingleton<IMutationFields, ReviewMutations>();
        services.AddDataLoader<ReviewByIdDataLoader>();
        services.AddSingleton<INodeResolver>(new IntKeyNodeResolver<ReviewByIdDataLoader, Review>("Review"));
        return services;
    }
}
