using Graph.AspNetCore.Data;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// Orders as the <c>order</c> argument delivers them (graphql-dotnet's parsed dictionaries), each with
/// the order LINQ to Objects gives the same items; optionally with a filter.
/// </summary>
public sealed record SortCase(
    string Name,
    IReadOnlyList<Dictionary<string, object?>> Order,
    Func<IEnumerable<Item>, IEnumerable<Item>> Expected,
    Dictionary<string, object?>? Where = null,
    Func<Item, bool>? Matches = null)
{
    private const SortDirection Asc = SortDirection.Ascending;
    private const SortDirection Desc = SortDirection.Descending;

    public static IReadOnlyList<SortCase> All { get; } =
    [
        new("unique key only", [], items => items.OrderBy(i => i.Id)),
        new("int asc", [new() { ["stock"] = Asc }], items => items.OrderBy(i => i.Stock).ThenBy(i => i.Id)),
        new("int desc", [new() { ["stock"] = Desc }], items => items.OrderByDescending(i => i.Stock).ThenBy(i => i.Id)),
        new("decimal asc", [new() { ["price"] = Asc }], items => items.OrderBy(i => i.Price).ThenBy(i => i.Id)),
        new("string asc", [new() { ["name"] = Asc }], items => items.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id)),
        new("datetime desc", [new() { ["createdAt"] = Desc }], items => items.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)),
        new(
            "string asc, decimal desc (two items)",
            [new() { ["group"] = Asc }, new() { ["price"] = Desc }],
            items => items.OrderBy(i => i.Group, StringComparer.Ordinal).ThenByDescending(i => i.Price).ThenBy(i => i.Id)),
        new(
            "decimal desc, datetime asc (one item: declaration order, not literal order)",
            [new() { ["createdAt"] = Asc, ["price"] = Desc }],
            items => items.OrderByDescending(i => i.Price).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id)),
        new(
            "enum asc (numeric order though stored as text), long desc",
            [new() { ["status"] = Asc }, new() { ["weight"] = Desc }],
            items => items.OrderBy(i => i.Status).ThenByDescending(i => i.Weight).ThenBy(i => i.Id)),
        new(
            "bool desc, datetime asc, string desc",
            [new() { ["active"] = Desc }, new() { ["createdAt"] = Asc }, new() { ["group"] = Desc }],
            items => items.OrderByDescending(i => i.Active).ThenBy(i => i.CreatedAt).ThenByDescending(i => i.Group, StringComparer.Ordinal).ThenBy(i => i.Id)),
        new(
            "computed bool desc, decimal asc, filtered",
            [new() { ["inStock"] = Desc }, new() { ["price"] = Asc }],
            items => items.OrderByDescending(i => i.Stock > 0).ThenBy(i => i.Price).ThenBy(i => i.Id),
            new() { ["group"] = new Dictionary<string, object?> { ["in"] = new object[] { "alpha", "gamma" } } },
            i => i.Group is "alpha" or "gamma"),
        new(
            "unique key desc given explicitly",
            [new() { ["id"] = Desc }],
            items => items.OrderByDescending(i => i.Id)),
    ];

    public static SortCase Named(string name) => All.Single(c => c.Name == name);

    public override string ToString() => Name;
}
