using System.Linq.Expressions;
using Graph.AspNetCore.Caching;
using Graph.AspNetCore.Data;
using Graph.AspNetCore.Limits.Cost;
using Graph.AspNetCore.DataLoader;
using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Relay;

/// <summary>The Relay fields: <c>id</c> on node types, <c>node</c> and <c>nodes</c> on the query type.</summary>
public static class NodeFieldExtensions
{
    /// <summary>Makes the type implement <c>Node</c> with a global <c>id</c> built from <paramref name="key"/>.</summary>
    public static FieldBuilder<TSource, string> NodeId<TSource>(this ObjectGraphType<TSource> type, Expression<Func<TSource, int>> key)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(key);
        type.Interface<NodeInterfaceType>();
        var typeName = type.Name;
        var keyOf = key.Compile();

        // The response cache tags every object of this type it reads with this key (CacheTagMap), so an
        // object read partially (ProjectionExtensions) must always have it.
        type.Metadata[CacheTagMap.NodeKeyMetadata] = new CacheTagMap.NodeKey(typeof(TSource), typeName, source => keyOf((TSource)source));
        var field = type.Field<NonNullGraphType<IdGraphType>, string>("id")
            .Description("The object's global id.")
            .Resolve(context => GlobalId.Encode(typeName, keyOf(context.Source)));
        if (ProjectionExtensions.MemberName(key) is { } member)
        {
            type.Metadata[ProjectionExtensions.NodeKeyMetadata] = member;
            field.FieldType.Reads(member);
        }

        return field;
    }

    /// <summary>Adds <c>node(id: ID!): Node</c> and <c>nodes(ids: [ID!]!): [Node]!</c>.</summary>
    public static void AddNodeFields(this ObjectGraphType query, int maxIds = 50)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NodeInterfaceType, IDataLoaderResult<object?>>("node")
            .Description("Fetches an object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The global id.")
            .Resolve(context => ResolveNode(context, context.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterfaceType>>, IReadOnlyList<IDataLoaderResult<object?>>>("nodes")
            .Description($"Fetches objects by their global ids, in order; at most {maxIds} ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The global ids.")
            .WithListSize(assumedSize: maxIds)
            .Resolve(context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                if (ids.Count > maxIds)
                {
                    throw new ExecutionError($"At most {maxIds} ids may be asked for at once.") { Code = ErrorCodes.NodesTooMany };
                }

                // One pending result per id, so that each element completes on its own: an invalid id is
                // null with its error at its own path (["nodes", 1]) and the other elements still arrive.
                // Every id is queued on its type's loader before any is awaited: one batch per type.
                return ids.Select(id => ResolveNodeOrError(context, id)).ToList();
            });
    }

    private static IDataLoaderResult<object?> ResolveNodeOrError(IResolveFieldContext context, string id)
    {
        try
        {
            return ResolveNode(context, id);
        }
        catch (ExecutionError error)
        {
            return DataLoaderResult.FromException<object?>(error);
        }
    }

    private static IDataLoaderResult<object?> ResolveNode(IResolveFieldContext context, string id)
    {
        var registry = context.RequestServices!.GetRequiredService<NodeResolverRegistry>();
        if (!GlobalId.TryDecode(id, out var typeName, out var key) || !registry.TryGet(typeName, out var resolver))
        {
            throw new ExecutionError($"'{Truncate(id)}' is not a valid id.") { Code = ErrorCodes.InvalidId };
        }

        // The id itself, found or not: an object created or changed under it makes the result stale.
        if (context.RequestServices!.GetService<CacheTagRecorder>() is { IsRecording: true } recorder)
        {
            recorder.Record(CacheTags.Entity(typeName, key));
        }

        return resolver.Resolve(key, context);
    }

    private static string Truncate(string id) => id.Length <= 64 ? id : string.Concat(id.AsSpan(0, 64), "…");
}
