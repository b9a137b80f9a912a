using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// Every <c>@authorize</c>d field and ownership rule × {anonymous, the owner, another customer,
/// staff, admin, staff and admin without their second factor}: allowed ones return data, denied
/// ones null with the right code, and the rest of the response still arrives. A STAFF or ADMIN token
/// without MFA (before enrolment) is refused whole with <c>AUTH_MFA_REQUIRED</c> for anything but
/// <c>me</c> and the enrolment mutations.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private const string Allowed = "allowed";
    private const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    private const string NotAuthorized = "AUTH_NOT_AUTHORIZED";
    private const string MfaRequired = "AUTH_MFA_REQUIRED";
    private const string StaffWithoutMfa = "staff, password only";
    private const string AdminWithoutMfa = "admin, password only";
    private const string AliceId = "VXNlcjoz"; // User:3

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task Product_stock_is_for_staff_and_admin(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("""{ productBySlug(slug: "classic-novel-1") { name stock inStock } }""");

        await AssertOutcome(response, expected, "productBySlug", "stock");
        Assert.Equal(expected == MfaRequired ? null : "Classic Novel", response.Data?["productBySlug"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_cached_document_is_judged_again_for_each_user()
    {
        const string Query = """{ productBySlug(slug: "classic-novel-1") { name stock } }""";
        var sequence = new[] { (DemoAccounts.Staff, Allowed), (null, NotAuthenticated), (DemoAccounts.Alice, NotAuthorized), (DemoAccounts.Admin, Allowed), (null, NotAuthenticated) };

        foreach (var (user, expected) in sequence)
        {
            using var client = await ClientAsAsync(user);
            await AssertOutcome(await client.PostAsync(Query), expected, "productBySlug", "stock");
        }
    }

    [Fact]
    public async Task A_public_document_cached_by_other_users_is_still_refused_to_staff_without_their_second_factor()
    {
        // Anonymous and customer requests of a cached document run no request rule (none applies to
        // them); the MFA rule must still run for staff and admin signed in with a password only.
        const string Query = """{ categories { name } }""";
        var sequence = new[] { (null, Allowed), (DemoAccounts.Alice, Allowed), (StaffWithoutMfa, MfaRequired), (null, Allowed), (AdminWithoutMfa, MfaRequired), (DemoAccounts.Staff, Allowed) };

        foreach (var (user, expected) in sequence)
        {
            using var client = await ClientAsAsync(user);
            var response = await client.PostAsync(Query);
            if (expected == MfaRequired)
            {
                Assert.Equal([MfaRequired], response.ErrorCodes);
                Assert.Null(response.Data);
            }
            else
            {
                response.AssertNoErrors();
                Assert.NotEmpty(response.Data!["categories"]!.AsArray());
            }
        }
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, Allowed)] // the owner
    [InlineData(DemoAccounts.Bob, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task User_email_is_for_the_user_staff_and_admin_also_through_node(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on User { displayName email } } }", new { id = AliceId });

        await AssertOutcome(response, expected, "node", "email");
        Assert.Equal(expected == MfaRequired ? null : "Alice", response.Data?["node"]!["displayName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task A_protected_field_inside_a_fragment_is_enforced_too(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("""
            { productBySlug(slug: "classic-novel-1") { ...Admin } }
            fragment Admin on Product { name stock }
            """);

        await AssertOutcome(response, expected, "productBySlug", "stock");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, Allowed)]
    [InlineData(DemoAccounts.Bob, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, NotAuthorized)]
    [InlineData(DemoAccounts.Admin, NotAuthorized)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task User_cart_is_for_the_user_alone(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on User { displayName cart { itemCount } } } }", new { id = AliceId });

        await AssertOutcome(response, expected, "node", "cart");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, Allowed)]
    [InlineData(DemoAccounts.Bob, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task User_orders_are_for_the_user_staff_and_admin(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on User { displayName orders(first: 5) { nodes { id } } } } }", new { id = AliceId });

        await AssertOutcome(response, expected, "node", "orders");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, Allowed)] // its customer
    [InlineData(DemoAccounts.Bob, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task An_order_is_for_its_customer_staff_and_admin_through_node(string? user, string expected)
    {
        var orderId = await PlaceOrderAsAliceAsync();
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("query ($id: ID!) { node(id: $id) { ... on Order { number total } } categories { name } }", new { id = orderId });

        if (expected == MfaRequired)
        {
            await AssertRefusedWhole(response);
        }
        else if (expected == Allowed)
        {
            response.AssertNoErrors();
            Assert.NotNull(response.Data?["node"]?["number"]);
        }
        else
        {
            Assert.Null(response.Data?["node"]);
            var error = Assert.Single(response.Errors!);
            Assert.Equal(expected, error!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(["node"], error["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        }

        Assert.True(expected == MfaRequired || response.Data!["categories"]!.AsArray().Count > 0); // the rest of the response arrives
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task The_orders_list_is_for_staff_and_admin(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("{ orders(first: 5) { nodes { id } } categories { name } }");

        await AssertRootOutcome(response, expected, "orders");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, NotAuthorized)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task The_users_list_is_for_admin(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync("{ users(first: 5) { nodes { id } } categories { name } }");

        await AssertRootOutcome(response, expected, "users");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task A_filter_on_stock_is_authorized_like_reading_stock_even_through_variables(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);
        var literal = await client.PostAsync("{ products(where: { or: [{ name: { eq: \"x\" } }, { stock: { lt: 3 } }] }) { totalCount } categories { name } }");
        var variable = await client.PostAsync(
            "query ($where: ProductFilterInput) { products(where: $where) { totalCount } categories { name } }",
            new { where = new { stock = new { lt = 3 } } });

        await AssertRootOutcome(literal, expected, "products");
        await AssertRootOutcome(variable, expected, "products");
    }

    [Theory]
    [InlineData(null, NotAuthenticated)]
    [InlineData(DemoAccounts.Alice, NotAuthorized)]
    [InlineData(DemoAccounts.Staff, Allowed)]
    [InlineData(DemoAccounts.Admin, Allowed)]
    [InlineData(StaffWithoutMfa, MfaRequired)]
    [InlineData(AdminWithoutMfa, MfaRequired)]
    public async Task Catalog_admin_is_for_staff_and_admin(string? user, string expected)
    {
        using var client = await ClientAsAsync(user);

        var response = await client.PostAsync(
            "mutation ($id: ID!) { restockProduct(input: { productId: $id, quantity: 1 }) { product { id } errors { __typename } } }",
            new { id = "UHJvZHVjdDox" });

        if (expected == Allowed)
        {
            response.AssertNoErrors();
        }
        else
        {
            Assert.Equal([expected], response.ErrorCodes);
        }
    }

    [Theory]
    [InlineData("{ orders(first: 1) { totalCount } }")]
    [InlineData("{ users(first: 1) { totalCount } }")]
    [InlineData("{ productBySlug(slug: \"classic-novel-1\") { stock } }")]
    [InlineData("{ categories { name } }")]
    [InlineData("query { ...Q } fragment Q on Query { orders(first: 1) { totalCount } }")]
    [InlineData("mutation { restockProduct(input: { productId: \"UHJvZHVjdDox\", quantity: 1 }) { errors { __typename } } }")]
    [InlineData("mutation { updateProduct(input: { productId: \"UHJvZHVjdDox\", price: 9.99 }) { errors { __typename } } }")]
    [InlineData("mutation { updateOrderStatus(input: { orderId: \"T3JkZXI6MQ==\", status: PREPARING }) { errors { __typename } } }")]
    [InlineData("mutation { setUserRole(input: { userId: \"VXNlcjo0\", role: STAFF }) { errors { __typename } } }")]
    [InlineData("mutation { resetUserMfa(input: { userId: \"VXNlcjo0\" }) { errors { __typename } } }")]
    [InlineData("mutation { addToCart(input: { productId: \"UHJvZHVjdDox\", quantity: 1 }) { errors { __typename } } }")]
    public async Task Staff_and_admin_without_mfa_are_refused_everything_but_me_and_enrolment(string document)
    {
        foreach (var user in new[] { StaffWithoutMfa, AdminWithoutMfa })
        {
            using var client = await ClientAsAsync(user);

            var refused = await client.PostAsync(document);
            Assert.Null(refused.Data);
            Assert.Equal([MfaRequired], refused.ErrorCodes.Distinct());

            // What such a token may do: read itself and enrol.
            var allowed = await client.PostAsync("mutation { beginMfaEnrollment { secret errors { __typename } } }");
            allowed.AssertNoErrors();
            Assert.NotNull(allowed.Data!["beginMfaEnrollment"]!["secret"]);
            var me = await client.PostAsync("{ me { email role mfaEnabled } }");
            me.AssertNoErrors();
            Assert.False(me.Data!["me"]!["mfaEnabled"]!.GetValue<bool>());
        }
    }

    // A demo STAFF or ADMIN signed in with the password alone, before enrolling; any other user as DemoAccounts signs in.
    private async Task<HttpClient> ClientAsAsync(string? user)
    {
        if (user is not (StaffWithoutMfa or AdminWithoutMfa))
        {
            return await _factory.ClientAsAsync(user);
        }

        var client = _factory.CreateClient();
        var logIn = await client.PostAsync(
            "mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token mfaEnrollmentRequired } }",
            new { email = user == StaffWithoutMfa ? DemoAccounts.Staff : DemoAccounts.Admin, password = DemoAccounts.Password });
        Assert.True(logIn.Data!["logIn"]!["mfaEnrollmentRequired"]!.GetValue<bool>());
        client.DefaultRequestHeaders.Authorization = new("Bearer", logIn.Data["logIn"]!["token"]!.GetValue<string>());
        return client;
    }

    private async Task<string> PlaceOrderAsAliceAsync()
    {
        using var alice = await _factory.ClientAsAsync(DemoAccounts.Alice);
        (await alice.PostAsync("mutation { addToCart(input: { productId: \"UHJvZHVjdDoy\", quantity: 1 }) { errors { __typename } } }")).AssertNoErrors();
        var checkout = await alice.PostAsync("mutation { checkout(input: { idempotencyKey: \"matrix\", paymentToken: \"tok_visa\" }) { order { id } errors { __typename } } }");
        checkout.AssertNoErrors();
        return checkout.Data!["checkout"]!["order"]!["id"]!.GetValue<string>();
    }

    private static Task AssertRootOutcome(GraphQLResponse response, string expected, string field)
    {
        if (expected == MfaRequired)
        {
            return AssertRefusedWhole(response);
        }

        if (expected == Allowed)
        {
            response.AssertNoErrors();
            Assert.NotNull(response.Data?[field]);
        }
        else
        {
            Assert.Null(response.Data?[field]);
            var error = Assert.Single(response.Errors!);
            Assert.Equal(expected, error!["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal([field], error["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        }

        Assert.NotEmpty(response.Data!["categories"]!.AsArray());
        return Task.CompletedTask;
    }

    private static Task AssertOutcome(GraphQLResponse response, string expected, string parent, string field)
    {
        if (expected == MfaRequired)
        {
            return AssertRefusedWhole(response);
        }

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

    // Before enrolment the whole request is refused, before anything runs.
    private static Task AssertRefusedWhole(GraphQLResponse response)
    {
        Assert.Null(response.Data);
        Assert.Equal([MfaRequired], response.ErrorCodes.Distinct());
        return Task.CompletedTask;
    }
}
