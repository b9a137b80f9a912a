using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Items read with some of their members only: <c>e =&gt; new TEntity { A = e.A, B = e.B }</c> in a
/// query's projection, so that EF Core selects those columns and sets nothing else.
/// </summary>
internal static class EntityProjection
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>?> Settable = new();

    // The projection worked out for a list of selected members, kept with that list: SelectedMembers
    // hands every request of a document the same list, so its requests do the work once.
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, Projection> Known = [];

    /// <summary>
    /// The members to read for <paramref name="selected"/> and the unique key's own members, in order,
    /// with their text for a query's shape; null members (the whole entity) when the entity cannot be
    /// made with some of them set: no public parameterless constructor, or a member that is not a
    /// settable property of it.
    /// </summary>
    public static Projection For<TEntity>(SortKey<TEntity> key, IReadOnlyList<string> selected)
        where TEntity : class
    {
        if (Known.TryGetValue(selected, out var known) && ReferenceEquals(known.Key, key))
        {
            return known;
        }

        var members = Members(key, selected);
        var made = new Projection(key, members, members is null ? null : string.Join(',', members));
        Known.AddOrUpdate(selected, made);
        return made;
    }

    private static string[]? Members<TEntity>(SortKey<TEntity> key, IEnumerable<string> selected)
        where TEntity : class
    {
        if (SettableProperties(typeof(TEntity)) is not { } settable)
        {
            return null;
        }

        var members = new SortedSet<string>(selected, StringComparer.Ordinal);
        new KeyMembers(members).Visit(key.Selector.Body);
        return members.All(settable.ContainsKey) ? [.. members] : null;
    }

    /// <summary><c>new TEntity { M1 = entity.M1, … }</c> for members checked by <see cref="For{TEntity}"/>.</summary>
    public static Expression New(ParameterExpression entity, IReadOnlyList<string> members)
    {
        var settable = SettableProperties(entity.Type)!;
        return Expression.MemberInit(
            Expression.New(entity.Type),
            members.Select(name => Expression.Bind(settable[name], Expression.Property(entity, settable[name]))));
    }

    private static IReadOnlyDictionary<string, PropertyInfo>? SettableProperties(Type type) =>
        Settable.GetOrAdd(type, static type => type.GetConstructor(Type.EmptyTypes) is null
            ? null
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
                .ToDictionary(property => property.Name, StringComparer.Ordinal));

    // The members the key's selector reads of the entity (e => e.Id: Id).
    private sealed class KeyMembers(SortedSet<string> members) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ParameterExpression)
            {
                members.Add(node.Member.Name);
            }

            return base.VisitMember(node);
        }
    }

    /// <summary>What a page's items are read with: <see cref="Members"/> in order, or null for whole entities; <see cref="Text"/> joins them for the query's shape.</summary>
    internal sealed record Projection(object Key, string[]? Members, string? Text);
}
