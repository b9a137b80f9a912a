using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>Registers the execution of subscriptions.</summary>
public static class SubscriptionGraphQLBuilderExtensions
{
    /// <summary>
    /// Subscriptions with a DI scope per event (<see cref="ScopedSubscriptionExecutionStrategy"/>),
    /// authorized when they start (<see cref="SubscriptionAuthorizationSchemaVisitor"/>), and the
    /// in-memory <see cref="ITopicEventBus"/> unless another bus is registered.
    /// </summary>
    public static IGraphQLBuilder AddSubscriptionExecution(this IGraphQLBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription);
        builder.AddSchemaVisitor<SubscriptionAuthorizationSchemaVisitor>();
        builder.Services.TryRegister<InMemoryTopicEventBus, InMemoryTopicEventBus>(GraphQL.DI.ServiceLifetime.Singleton);
        builder.Services.TryRegister<ITopicEventBus>(provider => provider.GetRequiredService<InMemoryTopicEventBus>(), GraphQL.DI.ServiceLifetime.Singleton);
        return builder;
    }
}
