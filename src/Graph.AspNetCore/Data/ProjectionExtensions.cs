using System.Linq.Expressions;
using GraphQL.Builders;
using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary>
/// Lets the connections of an object type read only the entity members their selection needs: a page of
/// <c>products { nodes { id name } }</c> then selects the id and name columns, not the description, dates
/// and counters nobody asked for (materialising those was a fifth of a category page's CPU).
/// </summary>
/// <remarks>
/// A type opts in with <see cref="ReadsSelectedMembersOnly{TSource}"/>. Each selected field must then say
/// what it reads: <c>Field(x =&gt; x.Member)</c> says so itself, <c>NodeId</c> and batched connections do
/// too, and any other field declares it with <see cref="Reads{TSource, TReturn}"/>. A selection with a
/// field that says nothing reads the whole entity, so a forgotten declaration costs speed, never
/// correctness; a wrong declaration does cost correctness, so declare every member the resolver touches.
/// </remarks>
public static class ProjectionExtensions
{
    // The members a field's resolver reads (string[]).
    internal const string ReadsMetadata = "Graph.Projection.Reads";

    // On a type that opted in: the members read whatever is selected (string[]), e.g. what its
    // authorization or cache tags look at.
    internal const string AlwaysMetadata = "Graph.Projection.Always";

    // On a node type: the member its NodeId key reads (string), always read since cache tags need it.
    internal const string NodeKeyMetadata = "Graph.Projection.NodeKey";

    // graphql-dotnet's own record of the member behind Field(x => x.Member) (its
    // ComplexGraphType.ORIGINAL_EXPRESSION_PROPERTY_NAME, internal there; a test watches it).
    internal const string ExpressionMemberMetadata = "ORIGINAL_EXPRESSION_PROPERTY_NAME";

    /// <summary>
    /// Lets connections of this type read only the members their selection needs, plus
    /// <paramref name="always"/>: the members read by anything else that looks at the object (resource
    /// authorization, for one). The node key of <c>NodeId</c> is always read.
    /// </summary>
    public static void ReadsSelectedMembersOnly<TSource>(this ObjectGraphType<TSource> type, params Expression<Func<TSource, object?>>[] always)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(always);
        var members = type.GetMetadata<string[]>(AlwaysMetadata) ?? [];
        type.Metadata[AlwaysMetadata] = members.Concat(always.Select(RequiredMemberName)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Declares the members of the source object that the field's resolver reads.</summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Expression<Func<TSource, object?>>[] members)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(members);
        field.FieldType.Reads([.. members.Select(RequiredMemberName)]);
        return field;
    }

    internal static FieldType Reads(this FieldType field, params string[] members)
    {
        var known = field.GetMetadata<string[]>(ReadsMetadata) ?? [];
        field.Metadata[ReadsMetadata] = known.Concat(members).Distinct(StringComparer.Ordinal).ToArray();
        return field;
    }

    /// <summary>The member a selector reads directly (<c>x =&gt; x.Member</c>, boxing or not); null for anything else.</summary>
    internal static string? MemberName(LambdaExpression selector)
    {
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        return body is MemberExpression { Expression: ParameterExpression } member && member.Expression == selector.Parameters[0] ? member.Member.Name : null;
    }

    private static string RequiredMemberName(LambdaExpression selector) =>
        MemberName(selector) ?? throw new ArgumentException($"'{selector}' does not read a member of the object itself (x => x.Member).", nameof(selector));
}
