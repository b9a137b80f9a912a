using Graph.AspNetCore.Limits.Cost;
using Graph.AspNetCore.Data;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

/// <summary>
/// A schema shaped like the shop's catalog: <c>items(first after last before where order)</c> on the
/// query, a nested <c>items</c> connection on each group, and a test-only <c>itemIds(where:)</c> that
/// applies a filter without paging.
/// </summary>
public sealed class ItemsQuery : ObjectGraphType
{
    public ItemsQuery()
    {
        Name = "Query";
        this.Connection<ItemType, object?, Item>("items")
            .Description("Every item.")
            .Key(i => i.Id)
            .Filter<ItemFilterInputType>()
            .Sort<ItemSortInputType>()
            .ResolveAsync((context, request) =>
                context.RequestServices!.GetRequiredService<ItemsBackend>().PageAsync(request, cancellationToken: context.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemGroupType>>>, ItemGroup[]>("groups")
            .Resolve(_ => [new("alpha"), new("beta")]);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>, List<int>>("itemIds")
            .Argument<ItemFilterInputType>("where")
            .ResolveAsync(async context =>
            {
                var filter = (ItemFilterInputType)context.FieldDefinition.Arguments!.Find("where")!.ResolvedType!;
                var predicate = filter.ToPredicate(context.Arguments!["where"].Value);
                return await context.RequestServices!.GetRequiredService<ItemsBackend>().IdsAsync(predicate, context.CancellationToken);
            });
    }
}

public sealed class ItemsSchema : Schema
{
    public ItemsSchema()
    {
        // Connection fields declare @listSize; AddGraphQLServer registers it, a bare schema must too.
        this.RegisterCostDirectives();
        Query = new ItemsQuery();
    }

    public ItemsSchema(IServiceProvider services, ItemsQuery query)
        : base(services)
    {
        this.RegisterCostDirectives();
        Query = query;
    }
}
