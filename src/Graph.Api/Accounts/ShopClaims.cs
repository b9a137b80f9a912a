using System.Globalization;
using System.Security.Claims;

namespace Graph.Api.Accounts;

/// <summary>The claims a shop token carries, and how to read them back.</summary>
public static class ShopClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>The user's security stamp when the token was issued (<see cref="User.SecurityStamp"/>).</summary>
    public const string SecurityStamp = "sst";

    /// <summary>How the user signed in (RFC 8176): <c>pwd</c>, plus <c>otp</c> after a second factor.</summary>
    public const string AuthenticationMethods = "amr";

    public const string Password = "pwd";
    public const string OneTimePassword = "otp";

    /// <summary>The API's name of a role: CUSTOMER, STAFF, ADMIN.</summary>
    public static string RoleName(Role role) => role.ToString().ToUpperInvariant();

    /// <param name="user">The account signing in.</param>
    /// <param name="secondFactor">Whether a TOTP or recovery code was checked in this sign-in.</param>
    public static ClaimsPrincipal PrincipalFor(User user, bool secondFactor)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new Claim(Subject, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(Name, user.DisplayName),
            new Claim(Role, RoleName(user.Role)),
            new Claim(SecurityStamp, user.SecurityStamp),
            new Claim(AuthenticationMethods, Password),
        ];
        if (secondFactor)
        {
            claims.Add(new Claim(AuthenticationMethods, OneTimePassword));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "Bearer", nameType: Name, roleType: Role));
    }

    /// <summary>The signed-in user's id, or null for an anonymous user.</summary>
    public static int? GetUserId(this ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true
            && int.TryParse(principal.FindFirst(Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>Whether this sign-in checked a second factor (<c>amr</c> has <c>otp</c>).</summary>
    public static bool HasSecondFactor(this ClaimsPrincipal? principal) =>
        principal?.HasClaim(AuthenticationMethods, OneTimePassword) == true;

    public static bool HasStaffRole(this ClaimsPrincipal? principal) =>
        principal?.IsInRole(ShopRoles.Staff) == true || principal?.IsInRole(ShopRoles.Admin) == true;

    /// <summary>
    /// STAFF or ADMIN with the second factor: what every staff power needs (ownership policies,
    /// staff-only transitions). A staff token without it has no staff power at all.
    /// </summary>
    public static bool IsStaffOrAdmin(this ClaimsPrincipal? principal) =>
        principal.HasStaffRole() && principal.HasSecondFactor();
}
