using System.Security.Claims;
using GraphQL;

namespace Graph.AspNetCore.Authorization;

/// <summary>
/// An object whose sub-fields are read as another user than the request's: the payload of a
/// sign-in, whose <c>user</c> is read as the user who just signed in although the request was
/// anonymous a moment ago.
/// </summary>
public interface IViewerScope
{
    /// <summary>The user the fields beneath this object are read as; null keeps the request's user.</summary>
    ClaimsPrincipal? Viewer { get; }
}

/// <summary>Finds the user a field is read as.</summary>
public static class ViewerScopeExtensions
{
    /// <summary>The nearest <see cref="IViewerScope"/> above the field, or else the request's user.</summary>
    public static ClaimsPrincipal? EffectiveUser(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (IResolveFieldContext? current = context; current is not null; current = current.Parent)
        {
            if (current.Source is IViewerScope { Viewer: { } viewer })
            {
                return viewer;
            }
        }

        return context.User;
    }
}
