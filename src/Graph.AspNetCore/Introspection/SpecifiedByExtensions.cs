using GraphQL;
using GraphQL.Types;

namespace Graph.AspNetCore.Introspection;

/// <summary>Declares and reads the specification of a custom scalar (<c>@specifiedBy</c>).</summary>
public static class SpecifiedByExtensions
{
    /// <summary>Applies <c>@specifiedBy(url:)</c> to the scalar: printed in the SDL and answered by introspection.</summary>
    public static TScalar SpecifiedBy<TScalar>(this TScalar scalar, string url)
        where TScalar : ScalarGraphType
    {
        ArgumentNullException.ThrowIfNull(scalar);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        scalar.ApplyDirective(SpecifiedByDirective.DirectiveName, SpecifiedByDirective.UrlArgument, url);
        return scalar;
    }

    /// <summary>The URL the scalar is specified by, or null.</summary>
    public static string? GetSpecifiedByUrl(this ScalarGraphType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        return scalar.FindAppliedDirective(SpecifiedByDirective.DirectiveName)?.FindArgument(SpecifiedByDirective.UrlArgument)?.Value as string;
    }
}
