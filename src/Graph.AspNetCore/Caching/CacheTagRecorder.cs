using System.Collections;
using Graph.AspNetCore.Data;

namespace Graph.AspNetCore.Caching;

/// <summary>
/// The tags of what one request read, recorded by the data-loading layer itself (data loaders,
/// connections, node resolution) while the result is computed, so that a resolver cannot forget to
/// tag. One per request (scoped); it records only once the response cache has started it for a
/// cacheable request, and costs a branch otherwise.
/// </summary>
public sealed class CacheTagRecorder(CacheTagMap map)
{
    private readonly Lock _gate = new();
    private HashSet<string>? _tags;

    /// <summary>Whether this request's reads are being recorded.</summary>
    public bool IsRecording => _tags is not null;

    /// <summary>The tags recorded so far.</summary>
    public IReadOnlyCollection<string> Tags
    {
        get
        {
            lock (_gate)
            {
                return _tags is null ? [] : [.. _tags];
            }
        }
    }

    /// <summary>Starts recording (the response cache does, before it executes a cacheable request).</summary>
    internal void Start()
    {
        lock (_gate)
        {
            _tags ??= new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Records a tag (see <see cref="CacheTags"/>).</summary>
    public void Record(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        lock (_gate)
        {
            _tags?.Add(tag);
        }
    }

    /// <summary>
    /// Records what a load read: an entity is tagged by its key; a list (or a page) by each entity
    /// in it and, for a plain list, by its type's list tag; nothing found (null) by the list tag of
    /// <paramref name="declaredType"/>, since an entity that does not exist yet may come to.
    /// </summary>
    /// <param name="value">The value loaded.</param>
    /// <param name="declaredType">The type the loader declares for its values.</param>
    public void RecordValue(object? value, Type declaredType)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        if (!IsRecording)
        {
            return;
        }

        switch (value)
        {
            case null:
                if (map.TypeNameOf(ElementType(declaredType)) is { } missing)
                {
                    Record(CacheTags.List(missing));
                }

                break;
            case IConnection page:
                RecordEntities(page.Nodes);
                break;
            case string:
                break;
            case IEnumerable list when map.TypeNameOf(ElementType(declaredType)) is { } listed:
                Record(CacheTags.List(listed));
                RecordEntities(list);
                break;
            case IEnumerable list:
                RecordEntities(list);
                break;
            default:
                RecordEntity(value);
                break;
        }
    }

    /// <summary>Records the tag of an entity (nothing for an object whose type is not an entity).</summary>
    public void RecordEntity(object? entity)
    {
        if (IsRecording && entity is not null && map.TagOf(entity) is { } tag)
        {
            Record(tag);
        }
    }

    /// <summary>Records the list tag of an entity type (see <see cref="CacheTags.List"/>).</summary>
    public void RecordList(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (IsRecording)
        {
            Record(CacheTags.List(map.TypeNameOf(entityType) ?? entityType.Name));
        }
    }

    private void RecordEntities(IEnumerable entities)
    {
        foreach (var entity in entities)
        {
            RecordEntity(entity);
        }
    }

    // IReadOnlyList<Review> → Review; Product → Product.
    private static Type ElementType(Type declared) =>
        declared.IsGenericType && typeof(IEnumerable).IsAssignableFrom(declared) ? declared.GetGenericArguments()[^1] : declared;
}
