namespace Graph.AspNetCore.WarmUp;

/// <summary>
/// The application's warm-up requests: what its clients send most, read-only and anonymous (the
/// warm-up's answers are thrown away and nothing it does may change data).
/// </summary>
public interface IGraphQLWarmUpRequests
{
    /// <summary>The requests, built once when the instance starts (the data may supply variables).</summary>
    Task<IReadOnlyList<WarmUpRequest>> GetAsync(CancellationToken cancellationToken);
}
