using System.Globalization;
using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Graph.Api.Accounts;
using Graph.Api.Data;
using Graph.Api.Schema;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>
/// The "Buy Now" path on the real application and its SQLite file (WAL, synchronous=FULL): one
/// <c>addToCart</c> and one <c>checkout</c> (reserve, charge with tok_visa, confirm) through the
/// serving layer without HTTP; alone, and by eight customers at once (SQLite has one writer, so this
/// shows what the short transactions buy); and the replay of a key already used.
/// </summary>
[MemoryDiagnoser]
public class CheckoutBenchmarks
{
    private const int Customers = 8;
    private const string ProductId = "UHJvZHVjdDoy"; // Product:2

    private const string AddToCart = """
        mutation ($productId: ID!) { addToCart(input: { productId: $productId, quantity: 1 }) { cart { itemCount } errors { __typename } } }
        """;

    private const string Checkout = """
        mutation ($key: String!) {
          checkout(input: { idempotencyKey: $key, paymentToken: "tok_visa" }) {
            order { id number status total lines { quantity unitPrice product { id name } } }
            errors { __typename }
          }
        }
        """;

    private ShopHost? _host;
    private GraphQLRequestExecutor<ShopSchema> _executor = null!;
    private IServiceScopeFactory _scopes = null!;
    private ClaimsPrincipal[] _customers = [];
    private ClaimsPrincipal _replayer = null!;
    private long _keys;

    [GlobalSetup]
    public void Setup()
    {
        _host = new ShopHost();
        var services = _host.AppServices;
        _executor = services.GetRequiredService<GraphQLRequestExecutor<ShopSchema>>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        using (var db = services.GetRequiredService<IDbContextFactory<ShopDbContext>>().CreateDbContext())
        {
            var users = Enumerable.Range(0, Customers + 1).Select(i => new User
            {
                Email = string.Create(CultureInfo.InvariantCulture, $"bench{i}@shop.test"),
                DisplayName = "Bench",
                PasswordHash = "-",
                CreatedAt = DateTime.UtcNow,
            }).ToList();
            db.Users.AddRange(users);
            db.SaveChanges();

            // Enough stock that no run ever meets an OutOfStockError.
            db.Products.Where(p => p.Id == 2).ExecuteUpdate(s => s.SetProperty(p => p.Stock, 100_000_000));
            _customers = [.. users.Take(Customers).Select(u => ShopClaims.PrincipalFor(u, secondFactor: false))];
            _replayer = ShopClaims.PrincipalFor(users[^1], secondFactor: false);
        }

        BuyAsync(_customers[0]).GetAwaiter().GetResult();
        Ensure(ExecuteAsync(_replayer, AddToCart, ("productId", ProductId)).GetAwaiter().GetResult(), "itemCount");
        Ensure(ExecuteAsync(_replayer, Checkout, ("key", "replayed")).GetAwaiter().GetResult(), "PLACED");
    }

    [GlobalCleanup]
    public void Cleanup() => _host?.Dispose();

    [Benchmark(Baseline = true, Description = "addToCart + checkout")]
    public Task One() => BuyAsync(_customers[0]);

    [Benchmark(OperationsPerInvoke = Customers, Description = "addToCart + checkout, 8 customers at once (per purchase)")]
    public Task EightAtOnce() => Task.WhenAll(_customers.Select(c => Task.Run(() => BuyAsync(c))));

    [Benchmark(Description = "checkout replay of a used key")]
    public Task<string> Replay() => ExecuteAsync(_replayer, Checkout, ("key", "replayed"));

    private async Task BuyAsync(ClaimsPrincipal customer)
    {
        Ensure(await ExecuteAsync(customer, AddToCart, ("productId", ProductId)).ConfigureAwait(false), "itemCount");
        var key = Interlocked.Increment(ref _keys).ToString(CultureInfo.InvariantCulture);
        Ensure(await ExecuteAsync(customer, Checkout, ("key", key)).ConfigureAwait(false), "PLACED");
    }

    private async Task<string> ExecuteAsync(ClaimsPrincipal user, string document, (string Name, object Value) variable)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var request = new GraphQLRequest { Query = document, Variables = new Inputs(new Dictionary<string, object?> { [variable.Name] = variable.Value }) };
            var result = await _executor.ExecuteAsync(_executor.Prepare(request), user, scope.ServiceProvider, CancellationToken.None).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(buffer, result).ConfigureAwait(false);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    // A benchmark of a failing path would measure the wrong thing: every answer is checked.
    private static void Ensure(string json, string expected)
    {
        if (!json.Contains(expected, StringComparison.Ordinal) || json.Contains("\"errors\":[", StringComparison.Ordinal) || json.Contains("__typename", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The benchmark request did not succeed: " + json);
        }
    }
}
