using Graph.Api.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.Api.Tests.Schema;

/// <summary>
/// Every frontend document of <c>schema/operations/</c> runs end to end as its user would send it,
/// without errors, in a bounded number of SQL statements that does not grow with the page size.
/// </summary>
public sealed class FrontendOperationRunTests : IDisposable
{
    private const string Product1 = "UHJvZHVjdDox";
    private const string Product2 = "UHJvZHVjdDoy";

    /// <summary>
    /// How each operation is run: who sends it, its variables (a <c>{first}</c> placeholder is run
    /// with 5 and with 50), and the most SQL statements it may take.
    /// </summary>
    private static readonly Dictionary<string, Run> Runs = new()
    {
        ["SignUp"] = new(null, new() { ["email"] = "zed@shop.test", ["password"] = "s3cretPass", ["displayName"] = "Zed" }, 2),
        ["LogIn"] = new(null, new() { ["email"] = DemoAccounts.Alice, ["password"] = DemoAccounts.Password }, 1),
        ["Me"] = new(DemoAccounts.Alice, [], 5) { Arrange = f => OrdersAsync(f, 2) },
        ["AddReview"] = new(DemoAccounts.Alice, new() { ["productId"] = Product1, ["rating"] = 4, ["body"] = "Nice." }, 6),
        ["Storefront"] = new(null, new() { ["first"] = "{first}" }, 4),
        ["ProductPage"] = new(null, new() { ["slug"] = "classic-novel-1" }, 5),
        ["CategoryPage"] = new(null, new() { ["slug"] = "books", ["first"] = "{first}" }, 3),
        ["CheapInStock"] = new(null, new() { ["max"] = 60.0m }, 1),
        ["ProductsByIds"] = new(null, new() { ["ids"] = new[] { Product1, "UHJvZHVjdDoy" } }, 1),
        ["StaffOrders"] = new(DemoAccounts.Staff, new() { ["first"] = "{first}" }, 6) { Arrange = f => OrdersAsync(f, 7) },
        ["PlacedOrders"] = new(DemoAccounts.Staff, [], 1),
        ["AllUsers"] = new(DemoAccounts.Admin, new() { ["first"] = "{first}" }, 2),
        ["AddToCart"] = new(DemoAccounts.Alice, new() { ["productId"] = Product1, ["quantity"] = 2 }, 5),
        ["UpdateCartItem"] = new(DemoAccounts.Alice, new() { ["productId"] = Product1, ["quantity"] = 3 }, 5) { Arrange = InCartAsync },
        ["RemoveFromCart"] = new(DemoAccounts.Alice, new() { ["productId"] = Product1 }, 2) { Arrange = InCartAsync },
        ["Checkout"] = new(DemoAccounts.Alice, new() { ["idempotencyKey"] = "run-1", ["paymentToken"] = "tok_visa" }, 17) { Arrange = InCartAsync },
        ["MyOrder"] = new(DemoAccounts.Alice, [], 4) { Arrange = f => OrderAsync(f, "id") },
        ["CancelOrder"] = new(DemoAccounts.Alice, [], 9) { Arrange = f => OrderAsync(f, "orderId") },
        ["UpdateOrderStatus"] = new(DemoAccounts.Staff, new() { ["status"] = "PREPARING" }, 5) { Arrange = f => OrderAsync(f, "orderId") },
        ["CreateProduct"] = new(DemoAccounts.Staff, new()
        {
            ["input"] = new Dictionary<string, object?>
            {
                ["sku"] = "SKU-NEW-1", ["name"] = "Brand New Thing", ["description"] = "Shiny.", ["price"] = 12.5m, ["stock"] = 3, ["categoryId"] = "Q2F0ZWdvcnk6MQ==",
            },
        }, 8), // the product, its ProductChanged and ProductStockChanged outbox rows among them
        ["RestockProduct"] = new(DemoAccounts.Staff, new() { ["productId"] = Product1, ["quantity"] = 5 }, 4),
        ["BeginMfaEnrollment"] = new(DemoAccounts.Alice, [], 2),
        // The ten recovery codes are ten inserts (SQLite does not batch them).
        ["ConfirmMfaEnrollment"] = new(DemoAccounts.Alice, [], 13) { Arrange = f => EnrollmentBegunAsync(f, DemoAccounts.Alice) },
        ["VerifyMfa"] = new(null, [], 4) { Arrange = f => MfaChallengeAsync(f, DemoAccounts.Bob) },
        ["DisableMfa"] = new(DemoAccounts.Staff, [], 5) { Arrange = f => Task.FromResult(new Dictionary<string, object?> { ["code"] = MfaSignIn.NextCode(f.CreateClient(), DemoAccounts.Staff) }) },
        ["ChangePassword"] = new(DemoAccounts.Alice, new() { ["currentPassword"] = DemoAccounts.Password, ["newPassword"] = "An0ther-Pass!" }, 3),
        ["LogOutEverywhere"] = new(DemoAccounts.Alice, [], 3),
        ["SetUserRole"] = new(DemoAccounts.Admin, new() { ["userId"] = "VXNlcjo0", ["role"] = "STAFF" }, 6),
        ["ResetUserMfa"] = new(DemoAccounts.Admin, new() { ["userId"] = "VXNlcjoy" }, 5) { Arrange = f => SignedInAsync(f, DemoAccounts.Staff) },
    };

    private readonly ShopApiFactory _factory = new();

    // Each request's token is checked against its user's security stamp, a lookup cached per user:
    // a per-request constant outside the operation (measured in tests/Benchmarks), so it is made
    // before counting and kept for the test's length.
    public FrontendOperationRunTests() => _factory.Settings["Auth:SecurityStampCacheDuration"] = "00:10:00";

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (var operation in Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>())
            {
                if (operation.Operation != OperationType.Subscription && !FrontendOperationsTests.IsPending(operation.Name!.StringValue))
                {
                    data.Add(Path.GetFileName(file), operation.Name!.StringValue);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Frontend_operation_runs_in_bounded_sql_whatever_the_page_size(string file, string operationName)
    {
        Assert.True(Runs.TryGetValue(operationName, out var run), $"Say how {operationName} is run: add it to {nameof(Runs)}.");
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Operations, file));
        using var client = await _factory.ClientAsAsync(run.User);
        var arranged = run.Arrange is null ? [] : await run.Arrange(_factory);
        foreach (var (name, value) in arranged)
        {
            run.Variables[name] = value;
        }

        var pageSized = run.Variables.ContainsValue("{first}");

        var counts = new List<int>();
        foreach (var first in pageSized ? new[] { 5, 50 } : [0])
        {
            var variables = run.Variables.ToDictionary(v => v.Key, v => v.Value is "{first}" ? first : v.Value);
            (await client.PostAsync("{ __typename }")).AssertNoErrors();
            _factory.SqlCommands.Reset();
            var response = await client.PostAsync(document, variables, operationName);
            response.AssertNoErrors();
            counts.Add(_factory.SqlCommands.Commands.Count);
            if (!pageSized)
            {
                break;
            }
        }

        Assert.True(counts.Max() <= run.MaxStatements, $"{operationName} ran {counts.Max()} SQL statements (budget {run.MaxStatements}):\n" + string.Join("\n---\n", _factory.SqlCommands.Commands));
        // A page of 50 may need fewer statements than a page of 5 (a page holding the whole list is its own count), never more.
        Assert.True(counts[^1] <= counts[0], $"{operationName}: statements grow with the page size: {string.Join(", ", counts)}");
    }

    // The user has begun MFA enrolment; the code of the new secret goes into $code.
    private static async Task<Dictionary<string, object?>> EnrollmentBegunAsync(ShopApiFactory factory, string email)
    {
        using var client = await factory.ClientAsAsync(email);
        var response = await client.PostAsync("mutation { beginMfaEnrollment { secret } }");
        response.AssertNoErrors();
        var secret = OtpNet.Base32Encoding.ToBytes(response.Data!["beginMfaEnrollment"]!["secret"]!.GetValue<string>());
        return new() { ["code"] = new OtpNet.Totp(secret).ComputeTotp(DateTime.UtcNow) };
    }

    // The user has MFA, and has just given the password: the challenge's ticket and a fresh code.
    private static async Task<Dictionary<string, object?>> MfaChallengeAsync(ShopApiFactory factory, string email)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token } }", new { email, password = DemoAccounts.Password });
        await MfaSignIn.EnrolAsync(client, email, response.Data!["logIn"]!["token"]!.GetValue<string>());
        var challenge = await client.PostAsync("mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { mfaChallenge { ticket } } }", new { email, password = DemoAccounts.Password });
        return new() { ["ticket"] = challenge.Data!["logIn"]!["mfaChallenge"]!["ticket"]!.GetValue<string>(), ["code"] = MfaSignIn.NextCode(client, email) };
    }

    // The user has signed in (and so, for STAFF, enrolled).
    private static async Task<Dictionary<string, object?>> SignedInAsync(ShopApiFactory factory, string email)
    {
        using var client = await factory.ClientAsAsync(email);
        return [];
    }

    // Alice has a product (product 1 unless said otherwise) in her cart.
    private static async Task<Dictionary<string, object?>> InCartAsync(ShopApiFactory factory) => await InCartAsync(factory, Product1);

    private static async Task<Dictionary<string, object?>> InCartAsync(ShopApiFactory factory, string productId)
    {
        using var alice = await factory.ClientAsAsync(DemoAccounts.Alice);
        var response = await alice.PostAsync("mutation ($id: ID!) { addToCart(input: { productId: $id, quantity: 1 }) { errors { __typename } } }", new { id = productId });
        response.AssertNoErrors();
        return [];
    }

    // Alice has placed an order; its id goes into the named variable.
    private static async Task<Dictionary<string, object?>> OrderAsync(ShopApiFactory factory, string variable) =>
        new() { [variable] = (await PlaceOrdersAsync(factory, 1))[0] };

    // Alice has placed several orders, more than a small page holds.
    private static async Task<Dictionary<string, object?>> OrdersAsync(ShopApiFactory factory, int count)
    {
        await PlaceOrdersAsync(factory, count);
        return [];
    }

    private static async Task<List<string>> PlaceOrdersAsync(ShopApiFactory factory, int count)
    {
        using var alice = await factory.ClientAsAsync(DemoAccounts.Alice);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            await InCartAsync(factory, Product2); // product 2 has 16 units
            var response = await alice.PostAsync(
                "mutation ($key: String!) { checkout(input: { idempotencyKey: $key, paymentToken: \"tok_visa\" }) { order { id } errors { __typename } } }",
                new { key = $"arrange-{i}" });
            response.AssertNoErrors();
            ids.Add(response.Data!["checkout"]!["order"]!["id"]!.GetValue<string>());
        }

        return ids;
    }

    private sealed record Run(string? User, Dictionary<string, object?> Variables, int MaxStatements)
    {
        public Func<ShopApiFactory, Task<Dictionary<string, object?>>>? Arrange { get; init; }
    }
}
