using GraphQL.Types;

namespace Graph.AspNetCore.Data;

/// <summary><c>type PageInfo { hasNextPage hasPreviousPage startCursor endCursor }</c>.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    /// <summary>Creates the type.</summary>
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its list.";
        Field<NonNullGraphType<BooleanGraphType>, bool>("hasNextPage")
            .Description("Whether items follow the page.")
            .Resolve(context => context.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>, bool>("hasPreviousPage")
            .Description("Whether items precede the page.")
            .Resolve(context => context.Source.HasPreviousPage);
        Field<StringGraphType, string?>("startCursor")
            .Description("The cursor of the page's first item; null when the page is empty.")
            .Resolve(context => context.Source.StartCursor);
        Field<StringGraphType, string?>("endCursor")
            .Description("The cursor of the page's last item; null when the page is empty.")
            .Resolve(context => context.Source.EndCursor);
    }
}
