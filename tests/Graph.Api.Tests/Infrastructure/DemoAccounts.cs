using System.Net.Http.Headers;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>Signs demo users in and makes clients that carry their token.</summary>
public static class DemoAccounts
{
    public const string Password = "Passw0rd!";
    public const string Admin = "admin@shop.test";
    public const string Staff = "staff@shop.test";
    public const string Alice = "alice@shop.test";
    public const string Bob = "bob@shop.test";

    /// <summary>
    /// A complete sign-in: STAFF and ADMIN with their second factor, enrolled on their first sign-in
    /// (<see cref="MfaSignIn"/>), as the server requires of them.
    /// </summary>
    public static Task<string> LogInAsync(this HttpClient client, string email, string password = Password) =>
        MfaSignIn.LogInAsync(client, email, password);

    /// <summary>A client signed in as <paramref name="email"/>, or anonymous when it is null.</summary>
    public static async Task<HttpClient> ClientAsAsync(this ShopApiFactory factory, string? email)
    {
        var client = factory.CreateClient();
        if (email is not null)
        {
            var token = await client.LogInAsync(email);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
