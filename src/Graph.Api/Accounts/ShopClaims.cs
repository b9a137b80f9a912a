using System.Globalization;
using System.Security.Claims;

namespace Graph.Api.Accounts;

/// <summary>The claims a shop token carries, and how to read them back.</summary>
public static class ShopClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>The API's name of a role: CUSTOMER, STAFF, ADMIN.</summary>
    public static string RoleName(Role role) => role.ToString().ToUpperInvariant();

    public static ClaimsPrincipal PrincipalFor(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [
                new Claim(Subject, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(Name, user.DisplayName),
                new Claim(Role, RoleName(user.Role)),
            ],
            authenticationType: "Bearer",
            nameType: Name,
            roleType: Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The signed-in user's id, or null for an anonymous user.</summary>
    public static int? GetUserId(this ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true
            && int.TryParse(principal.FindFirst(Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static bool IsStaffOrAdmin(this ClaimsPrincipal? principal) =>
        principal?.IsInRole(ShopRoles.Staff) == true || principal?.IsInRole(ShopRoles.Admin) == true;
}
