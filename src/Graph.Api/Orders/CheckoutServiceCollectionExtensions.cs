using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Orders;

public static class CheckoutServiceCollectionExtensions
{
    /// <summary>Checkout, the order lifecycle, recovery, and the embedded payment simulator as the default gateway.</summary>
    public static IServiceCollection AddShopCheckout(this IServiceCollection services)
    {
        services.AddSingleton<PaymentSimulator>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<PaymentSimulator>());
        services.AddScoped<CheckoutSteps>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<OrderLifecycle>();
        services.AddScoped<CheckoutRecovery>();
        services.AddHostedService<CheckoutRecoverySweep>();
        return services;
    }

    /// <summary>
    /// Start-up recovery: puts back the stock of checkouts a crash interrupted, refunding any charge
    /// they made. Runs after migration and before the server takes requests.
    /// </summary>
    public static async Task RecoverCheckoutsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(app.Lifetime.ApplicationStopping)).Any())
        {
            // Not migrated (Database:MigrateOnStartup=false): recovery waits for a start on the current schema.
            return;
        }

        await scope.ServiceProvider.GetRequiredService<CheckoutRecovery>()
            .RecoverAsync(everyUnfinished: db.Database.IsSqlite(), app.Lifetime.ApplicationStopping);
    }
}
