using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Subscriptions;

namespace Graph.Api.Tests.Accounts;

/// <summary>
/// An open subscription ends when its token is revoked — a role change, a password change,
/// logOutEverywhere — within the security stamp's cache window (200 ms here): a WebSocket is closed
/// with 4403, an event stream ends with an <c>AUTH_NOT_AUTHENTICATED</c> error and <c>complete</c>.
/// Each test waits for that signal (the close frame, the stream's events), with a deadline.
/// </summary>
public sealed class StreamRevocationTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ShopApiFactory _factory = new();

    public StreamRevocationTests() => _factory.Settings["Auth:SecurityStampCacheDuration"] = "00:00:00.200";

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Revocations() => ["role", "password", "everywhere"];

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task A_websocket_is_closed_with_4403_when_its_token_is_revoked(string revocation)
    {
        var (token, subscription) = await SubjectAsync(revocation);
        await using var socket = await TransportWsTestClient.ConnectAsync(_factory, token);
        await socket.SubscribeAsync("live", subscription);

        await RevokeAsync(revocation, token);

        Assert.Equal(4403, (await socket.ReceiveCloseAsync()).Code);
    }

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task An_event_stream_ends_when_its_token_is_revoked(string revocation)
    {
        var (token, subscription) = await SubjectAsync(revocation);
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = subscription }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseEventReader(await response.Content.ReadAsStreamAsync());

        // The headers arrive once the subscription is in place.
        await RevokeAsync(revocation, token);

        var next = await events.ReadAsync(Deadline);
        Assert.Equal("next", next?.Event);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", next!.Value.Data!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", (await events.ReadAsync(Deadline))?.Event);
        Assert.Null(await events.ReadAsync(Deadline));
    }

    // A demotion concerns STAFF watching every order; the others Alice watching a product.
    private async Task<(string Token, string Subscription)> SubjectAsync(string revocation)
    {
        using var client = _factory.CreateClient();
        return revocation == "role"
            ? (await client.LogInAsync(DemoAccounts.Staff), "subscription { orderPlaced { id } }")
            : (await client.LogInAsync(DemoAccounts.Alice), "subscription { productStockChanged(productId: \"UHJvZHVjdDox\") { stock } }");
    }

    private async Task RevokeAsync(string revocation, string token)
    {
        using var client = revocation == "role" ? await _factory.ClientAsAsync(DemoAccounts.Admin) : _factory.CreateClient();
        if (revocation != "role")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = revocation switch
        {
            "role" => await client.PostAsync("mutation { setUserRole(input: { userId: \"VXNlcjoy\", role: CUSTOMER }) { errors { __typename } } }"),
            "password" => await client.PostAsync("mutation { changePassword(input: { currentPassword: \"Passw0rd!\", newPassword: \"An0ther-Pass!\" }) { errors { __typename } } }"),
            _ => await client.PostAsync("mutation { logOutEverywhere { revokedAt } }"),
        };
        response.AssertNoErrors();
        Assert.Null(response.Data!.AsObject().First().Value?["errors"]);
    }
}
