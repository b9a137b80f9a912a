using Graph.AspNetCore.Data;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Data;

public sealed class ItemType : ObjectGraphType<Item>
{
    public ItemType()
    {
        Name = "Item";
        Field(i => i.Id);
        Field(i => i.Name);
        Field(i => i.Group);
        Field(i => i.Price);
        Field(i => i.Stock);
        Field(i => i.Status);
    }
}

/// <summary>A parent with a nested connection, as a category has its products.</summary>
public sealed record ItemGroup(string Name);

public sealed class ItemGroupType : ObjectGraphType<ItemGroup>
{
    public ItemGroupType()
    {
        Name = "ItemGroup";
        Field(g => g.Name);
        this.Connection<ItemType, ItemGroup, Item>("items")
            .Key(i => i.Id)
            .Filter<ItemFilterInputType>()
            .Sort<ItemSortInputType>()
            .ResolveAsync((context, request) =>
                context.RequestServices!.GetRequiredService<ItemsBackend>()
                    .PageAsync(request, items => items.Where(i => i.Group == context.Source.Name), context.CancellationToken));
    }
}

public sealed class ItemFilterInputType : FilterInputType<Item>
{
    public const string RequiresRole = "requiresRole";

    public ItemFilterInputType()
    {
        Field("id", i => i.Id);
        Field("name", i => i.Name);
        Field("group", i => i.Group);
        Field("note", i => i.Note);
        Field("price", i => i.Price);
        Field("inStock", i => i.Stock > 0);
        Field("stock", i => i.Stock).Description("Exact stock.").WithMetadata(RequiresRole, "STAFF");
        Field("rating", i => i.Rating);
        Field("weight", i => i.Weight);
        Field("createdAt", i => i.CreatedAt);
        Field("active", i => i.Active);
        Field("status", i => i.Status);
        Field("code", i => i.Code);
    }
}

public sealed class ItemSortInputType : SortInputType<Item>
{
    public ItemSortInputType()
    {
        Field("id", i => i.Id);
        Field("name", i => i.Name);
        Field("group", i => i.Group);
        Field("price", i => i.Price);
        Field("stock", i => i.Stock);
        Field("inStock", i => i.Stock > 0);
        Field("weight", i => i.Weight);
        Field("createdAt", i => i.CreatedAt);
        Field("active", i => i.Active);
        Field("status", i => i.Status);
        Field("code", i => i.Code);
    }
}
