using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// Every <c>@authorize</c>d field and ownership rule × {anonymous, the owner, another customer,
/// staff, admin}: allowed ones return data, denied ones null with the right code, and the rest of
/// the response still arrives.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private const string Allowed = "allowed";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    private const string AliceId = "VXNlcjoz"; // User:3

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    public async Task Product_stock_is_for_staff_and_admin(string? user, string expected)
    {
        using var client = await _factory.ClientAsAsync(user);

        var response = await client.PostAsync("""{ productBySlug(slug: "classic-novel-1") { name stock inStock } }""");

        await AssertOutcome(response, expected, "productBySlug", "stock");
        Assert.Equal("Classic Novel", response.Data!["productBySlug"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, Allowed)] // the owner
    [InlineData(DemoAccounts.Bob, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    public async Task User_email_is_for_the_user_staff_and_admin_also_through_node(string? user, string expected)
    {
        using var client = await _factory.ClientAsAsync(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on User { displayName email } } }", new { id = AliceId });

        await AssertOutcome(response, expected, "node", "email");
        Assert.Equal("Alice", response.Data!["node"]!["displayName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    public async Task A_protected_field_inside_a_fragment_is_enforced_too(string? user, string expected)
    {
        using var client = await _factory.ClientAsAsync(user);

        var response = await client.PostAsync("""
            { productBySlug(slug: "classic-novel-1") { ...Admin } }
            fragment Admin on Product { name stock }
            """);

        await AssertOutcome(response, expected, "productBySlug", "stock");
    }

    private static Task AssertOutcome(GraphQLResponse response, string expected, string parent, string field)
    {
        var value = response.Data?[parent]?[field];
        if (expected == Allowed)
        {
            response.AssertNoErrors();
            Assert.NotNull(value);
        }
        else
        {
            Assert.Null(value);
            var error = Assert.Single(response.Errors!);
            Assert.Equal(expected, error!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal([parent, field], error["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        }

        return Task.CompletedTask;
    }
}
