using System.Globalization;
using Graph.Api.Accounts;
using Graph.Api.Catalog;
using Graph.Api.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>
/// The demo catalog and accounts (src/Graph.Api/README.md: demo data). Deterministic: the same rows, ids and
/// timestamps on every fresh database, so snapshots and examples stay stable.
/// </summary>
public static class DemoSeed
{
    public const string DemoPassword = "Passw0rd!";

    private static readonly DateTime Epoch = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly (string Name, string Slug, string[] Nouns)[] Sections =
    [
        ("Books", "books", ["Novel", "Cookbook", "Atlas", "Field Guide", "Anthology", "Memoir", "Handbook", "Poetry Collection", "Travelogue", "Graphic Novel"]),
        ("Electronics", "electronics", ["Headphones", "Keyboard", "Mouse", "Speaker", "Webcam", "Charger", "Monitor Arm", "Power Bank", "Microphone", "USB Hub"]),
        ("Home & Kitchen", "home-kitchen", ["Kettle", "Chef Knife", "Cutting Board", "Teapot", "Mixing Bowl", "Skillet", "Coffee Grinder", "Spice Rack", "Toaster", "Dutch Oven"]),
        ("Outdoors", "outdoors", ["Tent", "Backpack", "Sleeping Bag", "Headlamp", "Water Bottle", "Trekking Poles", "Camp Stove", "Hammock", "Compass", "Rain Jacket"]),
        ("Toys & Games", "toys-games", ["Puzzle", "Board Game", "Kite", "Building Set", "Yo-Yo", "Card Game", "Plush Bear", "Marble Run", "Train Set", "Chess Set"]),
        ("Garden", "garden", ["Trowel", "Watering Can", "Seed Kit", "Pruning Shears", "Planter", "Hose", "Gloves", "Bird Feeder", "Compost Bin", "Wheelbarrow"]),
    ];

    private static readonly string[] Adjectives = ["Classic", "Compact", "Deluxe", "Everyday", "Premium", "Rustic", "Smart", "Trail", "Urban", "Vintage"];

    private static readonly (string Email, string Name, Role Role)[] Accounts =
    [
        ("admin@shop.test", "Ada Admin", Role.Admin),
        ("staff@shop.test", "Sam Staff", Role.Staff),
        ("alice@shop.test", "Alice", Role.Customer),
        ("bob@shop.test", "Bob", Role.Customer),
    ];

    private static readonly string[] ReviewBodies =
    [
        "Does exactly what it says.",
        "Good value for the price.",
        "Arrived quickly and well packed.",
        "Not quite what I expected.",
        "Would buy again.",
    ];

    /// <summary>Seeds an empty database; a database that has any user is left alone.</summary>
    public static async Task SeedAsync(ShopDbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        // One hash for the four demo accounts: they share the published demo password, and
        // hashing is deliberately slow.
        var hash = new PasswordHasher<User>().HashPassword(null!, DemoPassword);
        var users = Accounts.Select((a, i) => new User
        {
            Email = a.Email,
            DisplayName = a.Name,
            Role = a.Role,
            PasswordHash = hash,
            CreatedAt = Epoch.AddMinutes(i),
        }).ToList();
        db.Users.AddRange(users);

        var products = new List<Product>();
        foreach (var (section, sectionIndex) in Sections.Select((s, i) => (s, i)))
        {
            var category = new Category { Name = section.Name, Slug = section.Slug };
            db.Categories.Add(category);
            foreach (var (noun, nounIndex) in section.Nouns.Select((n, i) => (n, i)))
            {
                var n = (sectionIndex * section.Nouns.Length) + nounIndex;
                var name = $"{Adjectives[(n * 3) % Adjectives.Length]} {noun}";
                var product = new Product
                {
                    Sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{n + 1:D4}"),
                    Name = name,
                    Slug = Slugs.From(name) + "-" + (n + 1).ToString(CultureInfo.InvariantCulture),
                    Description = $"A {name.ToLowerInvariant()} from our {section.Name.ToLowerInvariant()} range.",
                    Price = 4.99m + ((n * 37) % 120),
                    Stock = n % 9 == 4 ? 0 : 3 + ((n * 13) % 40),
                    Category = category,
                    CreatedAt = Epoch.AddHours(n),
                    RowVersion = Product.NewRowVersion(),
                };
                products.Add(product);
            }
        }

        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);

        // Reviews by alice, bob and staff on a deterministic spread of products.
        var reviewers = users.Where(u => u.Role != Role.Admin).ToList();
        for (var p = 0; p < products.Count; p++)
        {
            for (var r = 0; r < reviewers.Count; r++)
            {
                if ((p + r) % 3 != 0)
                {
                    continue;
                }

                var rating = 1 + ((p * 7) + (r * 3)) % 5;
                db.Reviews.Add(new Review
                {
                    ProductId = products[p].Id,
                    AuthorId = reviewers[r].Id,
                    Rating = rating,
                    Body = ReviewBodies[(p + r) % ReviewBodies.Length],
                    CreatedAt = Epoch.AddDays(1).AddHours(p).AddMinutes(r),
                });
                products[p].ReviewCount++;
                products[p].RatingTotal += rating;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
