using Graph.Api.Data;

namespace Graph.Api.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox dispatcher (src/Graph.AspNetCore/README.md: writes and live events): publishes committed events to
    /// the event bus, nudged by every commit that wrote some; and the response cache's invalidation at
    /// each such commit (<see cref="OutboxCacheInvalidator"/>).
    /// </summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<OutboxPruner>();
        services.AddSingleton<OutboxCacheInvalidator>();
        services.ConfigureDbContext<ShopDbContext>((provider, options) => options.AddInterceptors(
            provider.GetRequiredService<OutboxSignal>(),
            provider.GetRequiredService<OutboxCacheInvalidator>()));
        return services;
    }
}
