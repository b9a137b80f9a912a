using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Data;
using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Relay;
using GraphQLParser.AST;
using GraphQLParser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Orders;

/// <summary>
/// Arranging cart and order scenarios: clients for users by id (a token issued directly, so fifty
/// customers need no fifty sign-ins), rows written straight to the database, and the frontend's own
/// documents from schema/operations.
/// </summary>
public static class ShopKit
{
    public const int AdminId = 1;
    public const int StaffId = 2;
    public const int AliceId = 3;
    public const int BobId = 4;

    /// <summary>Product 1 of the demo seed: "Classic Novel", 4.99, 3 in stock.</summary>
    public const int Novel = 1;

    /// <summary>Product 2 of the demo seed: 41.99, 16 in stock.</summary>
    public const int Second = 2;

    public static string ProductId(int id) => GlobalId.Encode("Product", id);

    public static string OrderId(int id) => GlobalId.Encode("Order", id);

    public static ShopDbContext Db(this ShopApiFactory factory) =>
        factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();

    public static PaymentSimulator Payments(this ShopApiFactory factory) => factory.Services.GetRequiredService<PaymentSimulator>();

    /// <summary>
    /// A client signed in as the user with this id: a customer's token issued directly (no password
    /// needed), STAFF and ADMIN signed in over HTTP with their second factor (<see cref="MfaSignIn"/>).
    /// </summary>
    public static HttpClient ClientFor(this ShopApiFactory factory, int userId)
    {
        using var db = factory.Db();
        var user = db.Users.AsNoTracking().Single(u => u.Id == userId);
        if (user.MustUseMfa)
        {
            var staff = factory.CreateClient();
            // On the thread pool, so that blocking here can never wait on a continuation queued behind it.
            var staffToken = Task.Run(() => staff.LogInAsync(user.Email)).GetAwaiter().GetResult();
            staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
            return staff;
        }

        var token = factory.Services.GetRequiredService<TokenService>().Issue(ShopClaims.PrincipalFor(user, secondFactor: false));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Logs in over HTTP and keeps the token on the client (for a server out of process).</summary>
    public static async Task SignInAsync(this HttpClient client, string email)
    {
        var token = await client.LogInAsync(email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Customers written straight to the database (no password checks needed: tokens are issued directly).</summary>
    public static async Task<IReadOnlyList<int>> CreateCustomersAsync(this ShopApiFactory factory, int count)
    {
        await using var db = factory.Db();
        var users = Enumerable.Range(0, count).Select(i => new User
        {
            Email = $"customer{i}-{Guid.NewGuid():N}@shop.test",
            DisplayName = $"Customer {i}",
            PasswordHash = "not-used",
            CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    public static async Task PutInCartAsync(this ShopApiFactory factory, int userId, int productId, int quantity)
    {
        await using var db = factory.Db();
        db.CartItems.Add(new CartItem { UserId = userId, ProductId = productId, Quantity = quantity, AddedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public static async Task SetStockAsync(this ShopApiFactory factory, int productId, int stock)
    {
        await using var db = factory.Db();
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock));
    }

    public static async Task<int> StockAsync(this ShopApiFactory factory, int productId)
    {
        await using var db = factory.Db();
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync();
    }

    public static async Task<List<(int ProductId, int Quantity)>> CartAsync(this ShopApiFactory factory, int userId)
    {
        await using var db = factory.Db();
        return (await db.CartItems.Where(c => c.UserId == userId).OrderBy(c => c.ProductId).ToListAsync())
            .Select(c => (c.ProductId, c.Quantity)).ToList();
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(this ShopApiFactory factory)
    {
        await using var db = factory.Db();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>One named operation of a frontend document, as the frontend sends it.</summary>
    public static string Operation(string file, string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        var operation = Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>().Single(o => o.Name!.StringValue == name);
        return text[operation.Location.Start..operation.Location.End];
    }

    /// <summary>Runs the frontend's <c>Checkout</c> operation.</summary>
    public static Task<GraphQLResponse> CheckoutAsync(this HttpClient client, string idempotencyKey, string paymentToken = PaymentSimulator.Visa) =>
        client.PostAsync(Operation("checkout.graphql", "Checkout"), new { idempotencyKey, paymentToken });

    /// <summary>A placed order of the user (cart filled and checked out with tok_visa); its global id.</summary>
    public static async Task<string> PlaceOrderAsync(this ShopApiFactory factory, int userId, int productId, int quantity)
    {
        await factory.PutInCartAsync(userId, productId, quantity);
        using var client = factory.ClientFor(userId);
        var response = await client.CheckoutAsync(Guid.NewGuid().ToString());
        response.AssertNoErrors();
        return response.Data!["checkout"]!["order"]!["id"]!.GetValue<string>();
    }

    /// <summary>The typenames of a payload's errors, in order.</summary>
    public static IReadOnlyList<string> ErrorTypes(this JsonNode? payload) =>
        payload?["errors"]?.AsArray().Select(e => e!["__typename"]!.GetValue<string>()).ToList() ?? [];

    /// <summary>
    /// One shopper against a server process: add a unit of the second product, check out, again,
    /// until <paramref name="stop"/> or the server is gone; each order the server answered goes to
    /// <paramref name="acknowledge"/> (what was not answered is not acknowledged).
    /// </summary>
    public static async Task ShopUntilStoppedAsync(this ShopServerProcess server, string email, string paymentToken, Action<string> acknowledge, CancellationToken stop)
    {
        using var client = server.CreateClient();
        await client.SignInAsync(email);
        var addToCart = Operation("checkout.graphql", "AddToCart");
        try
        {
            while (!stop.IsCancellationRequested)
            {
                (await client.PostAsync(addToCart, new { productId = ProductId(Second), quantity = 1 })).AssertNoErrors();
                var checkout = await client.CheckoutAsync(Guid.NewGuid().ToString(), paymentToken);
                if (checkout.Data?["checkout"]?["order"]?["id"]?.GetValue<string>() is { } orderId)
                {
                    acknowledge(orderId);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // The server is gone.
        }
    }
}
