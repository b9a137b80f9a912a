using Graph.Api.Accounts;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Accounts;

/// <summary>A user's security stamp: random for a new user, the stored one for a user read back.</summary>
public sealed class SecurityStampTests
{
    [Fact]
    public void A_new_user_has_a_random_stamp_of_its_own_that_stays_until_replaced()
    {
        var first = NewUser();
        var second = NewUser();

        Assert.Matches("^[0-9A-F]{32}$", first.SecurityStamp);
        Assert.Equal(first.SecurityStamp, first.SecurityStamp);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
        first.SecurityStamp = "replaced";
        Assert.Equal("replaced", first.SecurityStamp);
    }

    [Fact]
    public async Task A_user_read_back_has_the_stamp_it_was_stored_with()
    {
        using var factory = new ShopApiFactory();
        var user = NewUser();
        var stored = user.SecurityStamp;
        await using (var db = factory.Db())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = factory.Db())
        {
            var read = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
            Assert.Equal(stored, read.SecurityStamp);
        }
    }

    private static User NewUser() => new()
    {
        Email = $"stamp-{Guid.NewGuid():N}@shop.test",
        DisplayName = "Stamp",
        PasswordHash = "not-used",
        CreatedAt = DateTime.UtcNow,
    };
}
