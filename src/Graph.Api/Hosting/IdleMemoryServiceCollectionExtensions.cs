namespace Graph.Api.Hosting;

/// <summary>Registers <see cref="IdleMemoryTrimmer"/>.</summary>
public static class IdleMemoryServiceCollectionExtensions
{
    /// <summary>Gives memory back after a spike once the server is idle (<c>Memory:*</c>).</summary>
    public static IServiceCollection AddIdleMemoryTrimming(this IServiceCollection services)
    {
        services.AddOptions<IdleMemoryOptions>().BindConfiguration(IdleMemoryOptions.SectionName);
        return services.AddHostedService<IdleMemoryTrimmer>();
    }
}
