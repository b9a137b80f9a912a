using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Graph.AspNetCore.Data;

/// <summary>
/// The text of an expression that lives as long as the schema (a batched list's parent key), written
/// once per instance: writing an expression's text walks its tree and allocates on every call.
/// </summary>
internal static class ParentKeyText
{
    private static readonly ConditionalWeakTable<Expression, string> Texts = [];

    public static string Get(Expression expression) => Texts.GetValue(expression, static e => e.ToString());
}
