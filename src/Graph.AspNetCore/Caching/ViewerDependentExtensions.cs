using GraphQL.Types;

namespace Graph.AspNetCore.Caching;

/// <summary>Declares fields whose value depends on who asks although they are not <c>@authorize</c>d (say, <c>me</c>).</summary>
public static class ViewerDependentExtensions
{
    internal const string MetadataKey = "graph:variesByViewer";

    /// <summary>
    /// Marks the field as read differently for each user: a result that selects it is cached for
    /// anonymous requests only (<see cref="ResponseCacheScope.AnonymousOnly"/>).
    /// </summary>
    public static T VariesByViewer<T>(this T field)
        where T : IMetadataWriter
    {
        ArgumentNullException.ThrowIfNull(field);
        field.Metadata[MetadataKey] = true;
        return field;
    }

    internal static bool IsViewerDependent(this IMetadataReader field) => field.GetMetadata(MetadataKey, false);
}
