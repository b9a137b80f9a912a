namespace Graph.AspNetCore.Authorization;

/// <summary>The ASP.NET Core authorization policies the serving layer refers to by name; the application defines them.</summary>
public static class GraphQLAuthorizationPolicies
{
    /// <summary>
    /// What <c>@authorize(mfa: true)</c> (<see cref="AuthorizationMetadataExtensions.RequireMfa{T}"/>)
    /// evaluates: the user signed in with a second factor. Only the application knows how its tokens
    /// say so (e.g. an <c>amr</c> claim), so it registers this policy; without it such elements are denied.
    /// </summary>
    public const string SecondFactor = "SecondFactor";
}
