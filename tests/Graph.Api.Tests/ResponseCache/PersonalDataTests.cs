using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.Authorization;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.ResponseCache;

/// <summary>
/// Personal data is never cached, nor served to another user: every field that is protected today
/// (found in the schema, so a field protected tomorrow is covered too) is read by a user allowed to
/// read it, then by an anonymous client and another user — none of these reads goes through the
/// cache, and nobody else gets the first user's answer.
/// </summary>
public sealed class PersonalDataTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task No_result_that_reads_a_protected_field_is_cached_or_served_to_another_user()
    {
        // The admin may read every protected field, and has an order and a cart to read.
        await _factory.PlaceOrderAsync(AdminId, Novel, 1);
        await _factory.PutInCartAsync(AdminId, Second, 2);
        using var admin = _factory.ClientFor(AdminId);
        using var alice = _factory.ClientFor(AliceId);
        using var anonymous = _factory.CreateClient();

        var documents = ProtectedFieldDocuments(_factory.Services.GetRequiredService<ShopSchema>());
        foreach (var expected in new[] { "Product.stock", "User.email", "User.cart", "User.orders", "Query.users", "Order.total", "ProductFilterInput.stock" })
        {
            Assert.Contains(expected, documents.Keys);
        }

        foreach (var (field, document) in documents)
        {
            var allowed = await admin.ReadAsync(document);
            allowed.Response.AssertNoErrors();
            Assert.True(allowed.Cache is null, $"{field}: the allowed user's read went through the cache ({allowed.Cache}): {document}");
            foreach (var other in new[] { anonymous, alice, anonymous })
            {
                var read = await other.ReadAsync(document);
                Assert.True(read.Cache is null, $"{field}: another user's read went through the cache ({read.Cache}): {document}");
                if (other == anonymous)
                {
                    Assert.NotEqual(allowed.Response.Text, read.Response.Text);
                }
            }
        }
    }

    [Fact]
    public async Task A_field_that_depends_on_the_viewer_is_cached_for_anonymous_requests_only()
    {
        using var alice = _factory.ClientFor(AliceId);
        using var bob = _factory.ClientFor(BobId);
        using var anonymous = _factory.CreateClient();
        const string me = "{ me { displayName } categories { name } }";

        var aliceRead = await alice.ReadAsync(me);
        var bobRead = await bob.ReadAsync(me);

        Assert.Null(aliceRead.Cache);
        Assert.Null(bobRead.Cache);
        Assert.NotEqual(aliceRead.Response.Text, bobRead.Response.Text);
        Assert.Null((await anonymous.ReadCachedAsync(me)).Data!["me"]);
        Assert.Equal(aliceRead.Response.Text, (await alice.ReadAsync(me)).Response.Text);
    }

    [Fact]
    public async Task A_filter_on_a_protected_input_field_is_cached_for_nobody_who_may_use_it()
    {
        using var staff = _factory.ClientFor(StaffId);
        using var anonymous = _factory.CreateClient();
        const string byStock = "{ products(first: 50, where: { stock: { lte: 5 } }) { nodes { id } } }";

        var staffRead = await staff.ReadAsync(byStock);
        staffRead.Response.AssertNoErrors();
        Assert.Null(staffRead.Cache);

        foreach (var attempt in new[] { 1, 2 })
        {
            var refused = await anonymous.ReadAsync(byStock);
            Assert.NotNull(refused.Response.Errors);
            Assert.NotEqual("HIT", refused.Cache);
        }
    }

    [Fact]
    public async Task A_public_result_is_shared_by_anonymous_and_signed_in_requests()
    {
        using var alice = _factory.ClientFor(AliceId);
        using var anonymous = _factory.CreateClient();
        const string sections = "{ categories { id name } }";

        await anonymous.ReadCachedAsync(sections);

        Assert.True((await alice.ReadAsync(sections)).IsHit);
    }

    // One document per protected field reachable from Query, by the shortest path of fields without
    // required arguments; the protected input fields through the lists that take them.
    private static Dictionary<string, string> ProtectedFieldDocuments(ShopSchema schema)
    {
        var paths = new Dictionary<IComplexGraphType, List<string>> { [schema.Query] = [] };
        var queue = new Queue<IComplexGraphType>([schema.Query]);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var type))
        {
            foreach (var field in type.Fields.Where(f => f.Arguments?.Any(a => a.ResolvedType is NonNullGraphType && a.DefaultValue is null) != true))
            {
                var path = paths[type].Append(field.Name).ToList();
                var named = field.ResolvedType!.GetNamedType();
                var isProtected = field.GetAuthorizeRequirement() is not null || ((IMetadataReader)type).GetAuthorizeRequirement() is not null;
                if (isProtected && type is IObjectGraphType)
                {
                    documents.TryAdd($"{type.Name}.{field.Name}", Document(path, named is IComplexGraphType));
                }

                foreach (var argument in field.Arguments ?? [])
                {
                    if (argument.ResolvedType?.GetNamedType() is IInputObjectGraphType input)
                    {
                        foreach (var inputField in input.Fields.Where(f => f.GetAuthorizeRequirement() is not null && f.ResolvedType!.GetNamedType() is IInputObjectGraphType))
                        {
                            var where = $"{argument.Name}: {{ {inputField.Name}: {{ gte: 0 }} }}";
                            documents.TryAdd($"{input.Name}.{inputField.Name}", Document(paths[type].Append($"{field.Name}({where})").ToList(), true));
                        }
                    }
                }

                if (named is IComplexGraphType complex && !paths.ContainsKey(complex))
                {
                    paths[complex] = path;
                    queue.Enqueue(complex);
                }
            }
        }

        return documents;
    }

    private static string Document(List<string> path, bool leafIsObject) =>
        string.Concat(path.Select(p => "{ " + p + " ")) + (leafIsObject ? "{ __typename } " : string.Empty) + string.Concat(path.Select(_ => "} "));
}
