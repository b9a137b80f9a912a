using System.Globalization;
using System.Text;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// The hostile corpus: small requests that asked for unbounded work before the limits, each with the
/// code and HTTP status that must refuse it now. Every row is a shape an attacker sends anonymously.
/// </summary>
internal static class HostileRequests
{
    public static readonly IReadOnlyDictionary<string, HostileRequest> All = new Dictionary<string, HostileRequest>
    {
        // ---- Work multiplied by nesting lists ----
        ["5 levels of nested connections, first: 50 each"] = new(Nest(5, "name"), "DOCUMENT_TOO_DEEP"),
        ["3 levels of nested connections, first: 50 each"] = new(Nest(3, "name"), "COST_LIMIT_EXCEEDED"),
        ["3 levels of nested connections selecting a protected field"] = new(Nest(3, "stock"), "COST_LIMIT_EXCEEDED"),
        ["2 levels of nested connections, first: 50, with edges and nodes"] = new(
            "{ products(first: 50) { edges { node { category { products(first: 50) { edges { node { name } } nodes { name } } } } } } }", "COST_LIMIT_EXCEEDED"),
        ["first: 1000000"] = new("{ products(first: 1000000) { nodes { name } } }", "COST_LIMIT_EXCEEDED"),
        ["first as a huge variable"] = new("query ($n: Int) { products(first: $n) { nodes { name category { name } } } }", "COST_LIMIT_EXCEEDED", Variables: """{"n": 2000000000}"""),
        ["categories of pages of 50 with totalCount everywhere"] = new(
            "{ categories { products(first: 50) { totalCount nodes { category { products(first: 50) { totalCount nodes { name } } } } } } }", "COST_LIMIT_EXCEEDED"),
        ["nodes(ids:) in every alias with fragments"] = new(
            "{ " + string.Join(' ', Enumerable.Range(0, 25).Select(i => $"n{i}: nodes(ids: [\"UHJvZHVjdDox\"]) {{ ...P }}")) + " } fragment P on Product { category { products(first: 20) { nodes { name } } } }",
            "COST_LIMIT_EXCEEDED"),

        // ---- Documents too large to look at ----
        ["2,000 fields with the same alias and different arguments"] = new(
            "{ " + string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"a: productBySlug(slug: \"s{i}\") {{ name }}")) + " }", "DOCUMENT_TOO_LONG", Status: 413),
        ["40 fields with the same alias and different arguments"] = new(
            "{ " + string.Join(' ', Enumerable.Range(0, 40).Select(i => $"a: productBySlug(slug: \"s{i}\") {{ name }}")) + " }", "DOCUMENT_TOO_MANY_ALIASES"),
        ["one field repeated 20,000 times"] = new("{ " + Repeat("__typename ", 20_000) + "}", "DOCUMENT_TOO_LONG", Status: 413),
        ["one short field repeated 3,000 times"] = new("{ " + Repeat("a ", 3_000) + "}", "DOCUMENT_TOO_MANY_TOKENS"),
        ["one field repeated 1,000 times"] = new("{ " + Repeat("__typename ", 1_000) + "}", "DOCUMENT_TOO_MANY_FIELDS"),
        ["a leaf repeated under a page of products"] = new("{ products(first: 1) { nodes { " + Repeat("name ", 600) + "} } }", "DOCUMENT_TOO_MANY_FIELDS"),
        ["500 chained fragments"] = new(Chain(500), "DOCUMENT_TOO_MANY_TOKENS"),
        ["150 chained fragments"] = new(Chain(150), "DOCUMENT_TOO_MANY_FRAGMENTS"),
        ["40 chained fragments, each spreading the last twice"] = new(Chain(40), "DOCUMENT_TOO_MANY_FIELDS"),
        ["60 fragment definitions"] = new("{ ...F0 } " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"fragment F{i} on Query {{ __typename }}")), "DOCUMENT_TOO_MANY_FRAGMENTS"),
        ["120 inline fragments"] = new("{ " + Repeat("... on Query { __typename } ", 120) + "}", "DOCUMENT_TOO_MANY_FRAGMENT_SPREADS"),
        ["a fragment cycle"] = new("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", "NO_FRAGMENT_CYCLES"),
        ["25 operations in one document"] = new(string.Join(' ', Enumerable.Range(0, 25).Select(i => $"query Q{i} {{ __typename }}")), "DOCUMENT_TOO_MANY_OPERATIONS", OperationName: "Q0"),
        ["__typename 20,000 times"] = new("{ " + Repeat("t: __typename ", 20_000) + "}", "DOCUMENT_TOO_LONG", Status: 413),
        ["10,000 @skip directives"] = new("{ __typename " + Repeat("@skip(if: false) ", 10_000) + "}", "DOCUMENT_TOO_LONG", Status: 413),
        ["400 @skip directives"] = new("{ __typename " + Repeat("@skip(if:false)", 400) + "}", "DOCUMENT_TOO_MANY_TOKENS"),
        ["60 @skip directives"] = new("{ __typename " + Repeat("@skip(if: false) ", 60) + "}", "DOCUMENT_TOO_MANY_DIRECTIVES"),
        ["10,000 unknown arguments"] = new("{ products(" + string.Join(' ', Enumerable.Range(0, 10_000).Select(i => $"a{i}: 1")) + ") { nodes { name } } }", "DOCUMENT_TOO_LONG", Status: 413),
        ["1,000 unknown arguments"] = new("{ products(" + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => $"a{i}:1")) + ") { nodes { name } } }", "DOCUMENT_TOO_MANY_TOKENS"),
        ["30 unknown arguments"] = new("{ products(" + string.Join(' ', Enumerable.Range(0, 30).Select(i => $"a{i}: 1")) + ") { nodes { name } } }", "FIELD_TOO_MANY_ARGUMENTS"),
        ["30 arguments on a directive"] = new("{ __typename @skip(" + string.Join(' ', Enumerable.Range(0, 30).Select(i => $"a{i}: 1")) + ") }", "FIELD_TOO_MANY_ARGUMENTS"),
        ["200 aliases of nodes(ids:) with 50 ids"] = new(
            "{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"n{i}: nodes(ids: [{string.Join(',', Enumerable.Repeat("\"UHJvZHVjdDox\"", 50))}]) {{ id }}")) + " }", "DOCUMENT_TOO_LONG", Status: 413),
        ["40 aliases of nodes(ids:) with 50 ids each from variables"] = new(
            "query ($ids: [ID!]!) { " + string.Join(' ', Enumerable.Range(0, 40).Select(i => $"n{i}: nodes(ids: $ids) {{ id }}")) + " }", "DOCUMENT_TOO_MANY_ALIASES",
            Variables: "{\"ids\": [" + string.Join(',', Enumerable.Repeat("\"UHJvZHVjdDox\"", 50)) + "]}"),
        ["a 40 KB document of comments"] = new("{ __typename }\n" + Repeat("# padding padding padding padding\n", 1_200), "DOCUMENT_TOO_LONG", Status: 413),
        ["fields nested 15 deep"] = new("{ " + Repeat("productBySlug(slug: \"a\") { category { ", 7) + "name" + Repeat(" } }", 7) + " }", "DOCUMENT_TOO_DEEP"),
        ["fields nested 16 deep through fragments"] = new(
            "{ categories { ...F0 } } " + string.Join(' ', Enumerable.Range(0, 5).Select(i => $"fragment F{i} on Category {{ products(first: 1) {{ nodes {{ category {{ ...F{i + 1} }} }} }} }}")) + " fragment F5 on Category { name }",
            "DOCUMENT_TOO_DEEP"),
        ["selections nested 300 deep"] = new(Repeat("{ a ", 300) + Repeat("} ", 300), "DOCUMENT_TOO_DEEP"),

        // ---- Variables ----
        ["variables nested 30 deep"] = new("query ($w: ProductFilterInput) { products(where: $w) { nodes { name } } }", "VARIABLES_TOO_DEEP", Variables: "{\"w\": " + Repeat("{\"and\": [", 15) + "{}" + Repeat("]}", 15) + "}"),
        ["a variable list of 5,000 values"] = new("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", "VARIABLES_TOO_LARGE", Variables: "{\"ids\": [" + string.Join(',', Enumerable.Repeat("\"UHJvZHVjdDox\"", 5_000)) + "]}"),
        ["5,000 unused variables"] = new("{ __typename }", "VARIABLES_TOO_LARGE", Variables: "{" + string.Join(',', Enumerable.Range(0, 5_000).Select(i => $"\"v{i}\": {i}")) + "}"),
    };

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    // products(first: 50) { nodes { category { products(first: 50) { nodes { … leaf } } } } }, `levels` connections deep.
    private static string Nest(int levels, string leaf) =>
        "{ " + Repeat("products(first: 50) { nodes { category { ", levels - 1) + "products(first: 50) { nodes { " + leaf
        + " } } " + Repeat("} } } ", levels - 1) + "}";

    // fragment F{i} spreads F{i-1} twice under two aliases: the executed size doubles at each step.
    private static string Chain(int length)
    {
        var text = new StringBuilder("{ ...F" + (length - 1) + " } fragment F0 on Query { __typename } ");
        for (var i = 1; i < length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }} ");
        }

        return text.ToString();
    }
}

/// <summary>One hostile request and how it must be refused.</summary>
/// <param name="Query">The document.</param>
/// <param name="Code">The <c>extensions.code</c> of the refusal.</param>
/// <param name="Status">The HTTP status (400 unless said).</param>
/// <param name="Variables">The <c>variables</c> JSON, if any.</param>
/// <param name="OperationName">The operation to run, if the document has several.</param>
internal sealed record HostileRequest(string Query, string Code, int Status = 400, string? Variables = null, string? OperationName = null);
