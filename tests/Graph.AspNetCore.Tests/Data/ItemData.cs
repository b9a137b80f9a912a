namespace Graph.AspNetCore.Tests.Data;

/// <summary>A reproducible data set: 200 items whose sort keys have 2 to 5 distinct values each.</summary>
public static class ItemData
{
    public static readonly DateTime[] Dates =
    [
        new(2024, 1, 15, 8, 30, 0, DateTimeKind.Utc),
        new(2024, 2, 20, 12, 0, 0, DateTimeKind.Utc),
        new DateTime(2024, 3, 25, 18, 45, 10, DateTimeKind.Utc).AddTicks(1234567),
    ];

    public static IReadOnlyList<Item> All { get; } = Create(200);

    public static List<Item> Create(int count, int firstId = 1, int seed = 7)
    {
        string[] names = ["lamp", "desk lamp", "floor lamp", "chair", "table"];
        string[] groups = ["alpha", "beta", "gamma", "delta"];
        decimal[] prices = [1.50m, 2.25m, 9.99m, 10.00m, 100.10m];
        long[] weights = [100, 250, 1000];
        string?[] notes = [null, "fragile", "boxed", null, "extra"];
        int?[] ratings = [null, 1, 3, 5];

        var random = new Random(seed);
        var items = new List<Item>(count);
        for (var i = 0; i < count; i++)
        {
            var code = new byte[16];
            random.NextBytes(code);
            items.Add(new Item
            {
                Id = firstId + i,
                Name = names[random.Next(names.Length)],
                Group = groups[random.Next(groups.Length)],
                Note = notes[random.Next(notes.Length)],
                Price = prices[random.Next(prices.Length)],
                Stock = random.Next(4),
                Rating = ratings[random.Next(ratings.Length)],
                Weight = weights[random.Next(weights.Length)],
                CreatedAt = Dates[random.Next(Dates.Length)],
                Active = random.Next(2) == 0,
                Status = (ItemStatus)random.Next(3),
                Code = new Guid(code),
            });
        }

        return items;
    }
}
