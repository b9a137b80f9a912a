using Graph.Api.Data;
using Graph.AspNetCore.Subscriptions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Graph.AspNetCore.PersistedOperations;
using StackExchange.Redis;

namespace Graph.Api.Subscriptions.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Subscriptions:Redis</c> set: one <see cref="IConnectionMultiplexer"/> for the instance,
    /// the <see cref="RedisTopicEventBus"/> in place of the in-memory bus, the automatic persisted
    /// queries shared (<see cref="RedisPersistedQueryStore"/>), the response cache's invalidations
    /// received from the other instances (<see cref="RedisCacheInvalidation"/>), and Redis in <c>/health/ready</c>. Without it nothing changes (one instance, the in-memory bus).
    /// </summary>
    public static IServiceCollection AddRedisBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisBackplaneOptions>().BindConfiguration(RedisBackplaneOptions.SectionName);
        var connectionString = configuration[RedisBackplaneOptions.SectionName + ":" + nameof(RedisBackplaneOptions.Redis)];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Options(connectionString)));
        services.AddSingleton<RedisTopicEventBus>();
        services.AddSingleton<IPersistedQueryStore, RedisPersistedQueryStore>();
        services.AddHostedService<RedisCacheInvalidation>();
        services.Replace(ServiceDescriptor.Singleton<ITopicEventBus>(provider => provider.GetRequiredService<RedisTopicEventBus>()));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ShopHealthChecks.ReadyTag]);
        return services;
    }

    /// <summary>
    /// The instance starts whether or not Redis is up, never queues a command while disconnected
    /// (a publish must fail so that its outbox row is kept), and reconnects every 500 ms.
    /// </summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }
}
