using Graph.Api.Data;
using Graph.AspNetCore.WebSockets;

namespace Graph.Api.Subscriptions;

public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>The shop's subscription fields, and the validation of tokens sent in a WebSocket's <c>connection_init</c>.</summary>
    public static IServiceCollection AddShopSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<ISubscriptionFields, ProductSubscriptions>();
        services.AddSingleton<ISubscriptionFields, OrderSubscriptions>();
        services.AddSingleton<IConnectionTokenValidator, JwtConnectionTokenValidator>();
        return services;
    }

    /// <summary>
    /// The outbox dispatcher (ARCHITECTURE.md: writes and live events): publishes committed events to
    /// the event bus, nudged by every commit that wrote some.
    /// </summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<OutboxPruner>();
        services.ConfigureDbContext<ShopDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxSignal>()));
        return services;
    }
}
