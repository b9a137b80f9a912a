using Graph.Api.Accounts;
using Graph.Api.Schema;
using Graph.AspNetCore.Authorization;
using Graph.AspNetCore.Data;
using GraphQL.Types;

namespace Graph.Api.Orders;

/// <summary><c>orders</c>: every order, for the staff dashboard.</summary>
public sealed class OrderQueries : IQueryFields
{
    public void AddTo(ObjectGraphType query)
    {
        query.Connection<OrderType, object?, Order>("orders")
            .Description("Every order, newest first unless `order` says otherwise; STAFF and ADMIN only.")
            .Key(o => o.Id)
            .DefaultOrder(o => o.PlacedAt, SortDirection.Descending)
            .Filter<OrderFilterInputType>()
            .Sort<OrderSortInputType>()
            .ResolveAsync((context, request) => context.ReadAsync((db, token) => request.ExecuteAsync(db, token)))
            .RequireRoles(ShopRoles.Staff, ShopRoles.Admin).RequireMfa();
    }
}

