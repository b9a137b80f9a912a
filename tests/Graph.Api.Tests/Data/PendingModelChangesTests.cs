using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Data;

/// <summary>Every change to the EF Core model has its migration: the SQLite migrations' snapshot is the model.</summary>
public sealed class PendingModelChangesTests
{
    [Fact]
    public void The_model_has_no_change_that_the_migrations_lack()
    {
        using var factory = new ShopApiFactory();
        using var db = factory.Db();

        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the last migration's snapshot: add a migration (see src/Graph.Api/README.md).");
    }
}
