using System.Net.Http.Headers;
using Graph.Api.Accounts;
using Graph.Api.Carts;
using Graph.Api.Data;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Graph.Api.Tests.ScaleOut;

/// <summary>
/// The test's own hands on the topology's database: customers, carts and stock written directly,
/// tokens issued with the topology's signing key. An application instance in this process with no
/// background service (it must not claim outbox rows), never serving any request of the tests.
/// </summary>
public sealed class ScaleoutKit : IDisposable
{
    private const string OrderPlaced = "subscription { orderPlaced { id } }";
    private readonly ShopApiFactory _factory;
    private readonly ScaleoutTopology _topology;
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private readonly Dictionary<string, string> _signedIn = new(StringComparer.Ordinal);

    public ScaleoutKit(ScaleoutTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _topology = topology;
        _factory = new ShopApiFactory(DatabaseProvider.Postgres)
        {
            EnvironmentName = "Production",
            TestServices = services => services.RemoveAll<IHostedService>(),
        };
        _factory.Settings["ConnectionStrings:Shop"] = topology.PostgresConnectionString;
        _factory.Settings["Auth:SigningKey"] = topology.SigningKey;
        _factory.Settings["Seed:Demo"] = "false";
        _factory.Settings["Database:MigrateOnStartup"] = "false";
        _ = _factory.Services;
    }

    /// <summary>
    /// A staff member's subscription to <c>orderPlaced</c> through <paramref name="endpoint"/>, reading
    /// ahead; returned once Redis counts a subscribed instance (no message says so).
    /// </summary>
    public async Task<GraphQLWebSocketClient> SubscribeToOrdersAsync(Uri endpoint)
    {
        var subscriber = await GraphQLWebSocketClient.ConnectAsync(endpoint, token: await StaffTokenAsync(), readAhead: true);
        await subscriber.SubscribeAsync("orders", OrderPlaced);
        using var redis = await ConnectionMultiplexer.ConnectAsync(_topology.RedisConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await Eventually.WaitUntilAsync(
            async () => (long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", "graph:events:OrderPlaced"))[1] >= 1,
            "an instance subscribed to OrderPlaced in Redis");
        return subscriber;
    }

    public ShopDbContext Db() => _factory.Services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext();

    /// <summary>An HTTP client for <paramref name="endpoint"/> signed in as the user.</summary>
    public HttpClient ClientFor(int userId, Uri endpoint)
    {
        var client = new HttpClient { BaseAddress = new Uri(endpoint, "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(userId));
        return client;
    }

    /// <summary>
    /// The demo STAFF user's token: signed in once through nginx with the second factor (enrolled
    /// then, <see cref="MfaSignIn"/>), and reused by every test of the topology.
    /// </summary>
    public Task<string> StaffTokenAsync() => SignedInTokenAsync(DemoAccounts.Staff);

    /// <summary>
    /// A token of the user: a customer's issued directly; STAFF and ADMIN signed in through nginx with
    /// their second factor, once per topology.
    /// </summary>
    public string Token(int userId)
    {
        using var db = Db();
        var user = db.Users.AsNoTracking().Single(u => u.Id == userId);
        return user.MustUseMfa
            // On the thread pool, so that blocking here can never wait on a continuation queued behind it.
            ? Task.Run(() => SignedInTokenAsync(user.Email)).GetAwaiter().GetResult()
            : _factory.Services.GetRequiredService<TokenService>().Issue(ShopClaims.PrincipalFor(user, secondFactor: false));
    }

    private async Task<string> SignedInTokenAsync(string email)
    {
        await _signIn.WaitAsync();
        try
        {
            if (!_signedIn.TryGetValue(email, out var token))
            {
                using var client = new HttpClient { BaseAddress = new Uri(_topology.Url, "/") };
                _signedIn[email] = token = await client.LogInAsync(email);
            }

            return token;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>New customers, each with <paramref name="quantity"/> of the product in the cart.</summary>
    public async Task<List<int>> CustomersWithCartAsync(int count, int productId, int quantity)
    {
        await using var db = Db();
        var users = Enumerable.Range(0, count).Select(i => new User
        {
            Email = $"buyer{i}-{Guid.NewGuid():N}@shop.test",
            DisplayName = $"Buyer {i}",
            PasswordHash = "not-used",
            CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        db.CartItems.AddRange(users.Select(u => new CartItem { UserId = u.Id, ProductId = productId, Quantity = quantity, AddedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return [.. users.Select(u => u.Id)];
    }

    public async Task SetStockAsync(int productId, int stock)
    {
        await using var db = Db();
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, stock));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _signIn.Dispose();
    }
}
