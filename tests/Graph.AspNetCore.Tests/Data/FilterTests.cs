namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// A filter, written as a client writes it and parsed by graphql-dotnet, keeps exactly the items the
/// same condition written in C# keeps under LINQ to Objects, in memory and on SQLite.
/// </summary>
public class FilterTests(SqliteItems sqlite) : IClassFixture<SqliteItems>
{
    private static readonly Guid SomeCode = ItemData.All[5].Code;
    private static readonly DateTime February = new(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime March = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, (string Where, Func<Item, bool> Expected)> Cases = new()
    {
        ["decimal gt and lte"] = ("{ price: { gt: 2.25, lte: 10 } }", i => i.Price > 2.25m && i.Price <= 10m),
        ["decimal in"] = ("{ price: { in: [1.5, 100.10] } }", i => i.Price is 1.5m or 100.10m),
        ["decimal nin"] = ("{ price: { nin: [1.5, 100.10] } }", i => i.Price is not (1.5m or 100.10m)),
        ["datetime gte"] = ("{ createdAt: { gte: \"2024-02-01T00:00:00Z\" } }", i => i.CreatedAt >= February),
        ["datetime lt with decimal eq"] = ("{ createdAt: { lt: \"2024-03-01T00:00:00Z\" }, price: { eq: 9.99 } }", i => i.CreatedAt < March && i.Price == 9.99m),
        ["datetime gt lte"] = ("{ createdAt: { gt: \"2024-01-15T08:30:00Z\", lte: \"2024-02-20T12:00:00Z\" } }", i => i.CreatedAt > ItemData.Dates[0] && i.CreatedAt <= ItemData.Dates[1]),
        ["enum eq"] = ("{ status: { eq: ACTIVE } }", i => i.Status == ItemStatus.Active),
        ["enum neq"] = ("{ status: { neq: ARCHIVED } }", i => i.Status != ItemStatus.Archived),
        ["enum nin"] = ("{ status: { nin: [ACTIVE, PENDING] } }", i => i.Status is not (ItemStatus.Active or ItemStatus.Pending)),
        ["computed bool true"] = ("{ inStock: { eq: true } }", i => i.Stock > 0),
        ["computed bool false"] = ("{ inStock: { eq: false } }", i => i.Stock <= 0),
        ["bool neq"] = ("{ active: { neq: true } }", i => !i.Active),
        ["string eq"] = ("{ name: { eq: \"chair\" } }", i => i.Name == "chair"),
        ["string contains"] = ("{ name: { contains: \"lamp\" } }", i => i.Name.Contains("lamp", StringComparison.OrdinalIgnoreCase)),
        ["string contains ignores the case of A-Z"] = ("{ name: { contains: \"LaMP\" } }", i => i.Name.Contains("lamp", StringComparison.OrdinalIgnoreCase)),
        ["string startsWith"] = ("{ name: { startsWith: \"desk\" } }", i => i.Name.StartsWith("desk", StringComparison.OrdinalIgnoreCase)),
        ["string startsWith ignores the case of A-Z"] = ("{ name: { startsWith: \"DESK\" } }", i => i.Name.StartsWith("desk", StringComparison.OrdinalIgnoreCase)),
        ["string in"] = ("{ group: { in: [\"alpha\", \"gamma\"] } }", i => i.Group is "alpha" or "gamma"),
        ["string nin and int neq"] = ("{ group: { nin: [\"alpha\"] }, stock: { neq: 0 } }", i => i.Group != "alpha" && i.Stock != 0),
        ["nullable string contains"] = ("{ note: { contains: \"ex\" } }", i => i.Note is not null && i.Note.Contains("ex", StringComparison.OrdinalIgnoreCase)),
        ["nullable string eq null"] = ("{ note: { eq: null } }", i => i.Note is null),
        ["nullable string neq null"] = ("{ note: { neq: null } }", i => i.Note is not null),
        ["nullable string neq value"] = ("{ note: { neq: \"boxed\" } }", i => i.Note != "boxed"),
        ["nullable int gte"] = ("{ rating: { gte: 3 } }", i => i.Rating >= 3),
        ["nullable int eq null"] = ("{ rating: { eq: null } }", i => i.Rating is null),
        ["nullable int in"] = ("{ rating: { in: [1, 5] } }", i => i.Rating is 1 or 5),
        ["long in"] = ("{ weight: { in: [100, 250] } }", i => i.Weight is 100 or 250),
        ["long lt"] = ("{ weight: { lt: 1000 } }", i => i.Weight < 1000),
        ["guid eq"] = ($"{{ code: {{ eq: \"{SomeCode}\" }} }}", i => i.Code == SomeCode),
        ["non-null int eq null matches nothing"] = ("{ stock: { eq: null } }", _ => false),
        [
            "or of a field and a nested and"
        ] = (
            "{ or: [{ group: { eq: \"alpha\" } }, { and: [{ price: { gte: 10 } }, { inStock: { eq: true } }] }] }",
            i => i.Group == "alpha" || (i.Price >= 10m && i.Stock > 0)),
        [
            "and of ors"
        ] = (
            "{ and: [{ or: [{ stock: { eq: 0 } }, { stock: { eq: 3 } }] }, { or: [{ status: { eq: PENDING } }, { name: { startsWith: \"chair\" } }] }] }",
            i => (i.Stock == 0 || i.Stock == 3) && (i.Status == ItemStatus.Pending || i.Name.StartsWith("chair", StringComparison.Ordinal))),
        [
            "fields beside and/or all hold"
        ] = (
            "{ active: { eq: true }, or: [{ group: { eq: \"beta\" } }, { group: { eq: \"delta\" } }], and: [{ price: { lt: 100 } }] }",
            i => i.Active && (i.Group == "beta" || i.Group == "delta") && i.Price < 100m),
        ["empty or matches nothing"] = ("{ or: [] }", _ => false),
        ["empty and matches everything"] = ("{ and: [] }", _ => true),
        ["empty object matches everything"] = ("{ }", _ => true),
        ["an unconstrained or branch matches everything"] = ("{ or: [{ }, { stock: { eq: 1 } }] }", _ => true),
        ["null operands set no condition"] = ("{ price: { gt: null }, name: { contains: null }, group: { in: null } }", _ => true),
    };

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { "memory", "sqlite" })
        {
            foreach (var name in Cases.Keys)
            {
                data.Add(backend, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_filter_keeps_what_linq_to_objects_keeps(string backend, string name)
    {
        var (where, expected) = Cases[name];

        var data = (await ItemsGraph.ExecuteAsync(Backend(backend), $"{{ itemIds(where: {where}) }}")).Data();

        var ids = data.GetProperty("itemIds").EnumerateArray().Select(id => id.GetInt32());
        Assert.Equal(ItemData.All.Where(expected).Select(i => i.Id), ids);
        if (!name.Contains("everything", StringComparison.Ordinal) && !name.Contains("nothing", StringComparison.Ordinal) && !name.Contains("no condition", StringComparison.Ordinal))
        {
            Assert.InRange(ItemData.All.Count(expected), 1, ItemData.All.Count - 1);
        }
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_filter_from_variables_pages_through_the_connection(string backend)
    {
        const string Query = """
            query ($where: ItemFilterInput, $after: String) {
              items(first: 50, after: $after, where: $where, order: [{ price: ASC }, { name: ASC }]) {
                totalCount
                pageInfo { hasNextPage endCursor }
                nodes { id }
              }
            }
            """;
        const string Where = """{ "and": [{ "price": { "lte": 10 } }, { "inStock": { "eq": true } }] }""";
        var expected = ItemData.All.Where(i => i.Price <= 10m && i.Stock > 0)
            .OrderBy(i => i.Price).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id).Select(i => i.Id).ToList();

        var seen = new List<int>();
        string? after = null;
        while (true)
        {
            var variables = $$"""{ "where": {{Where}}, "after": {{(after is null ? "null" : $"\"{after}\"")}} }""";
            var items = (await ItemsGraph.ExecuteAsync(Backend(backend), Query, variables)).Data().GetProperty("items");
            Assert.Equal(expected.Count, items.GetProperty("totalCount").GetInt32());
            seen.AddRange(items.Ids());
            if (!items.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = items.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(expected, seen);
    }

    private ItemsBackend Backend(string name) => name == "sqlite" ? sqlite : new MemoryItems();
}
