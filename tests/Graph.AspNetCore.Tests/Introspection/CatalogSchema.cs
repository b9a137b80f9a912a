using Graph.AspNetCore.Introspection;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary>
/// A small schema with everything the current specification's introspection describes: a custom scalar
/// with <c>@specifiedBy</c>, a repeatable directive, deprecated arguments, input fields and directive
/// arguments, and a <c>@oneOf</c> input.
/// </summary>
internal sealed class CatalogSchema : Schema
{
    public CatalogSchema(IServiceProvider services, CatalogQuery query)
        : base(services)
    {
        Query = query;
        Directives.Register(new TagDirective());
    }
}

internal sealed class CatalogQuery : ObjectGraphType
{
    public CatalogQuery()
    {
        Name = "Query";

        // "Exactly one of": an item by its id or by its slug.
        Field<StringGraphType>("item")
            .Argument<NonNullGraphType<ItemByInput>>("by")
            .Resolve(context =>
            {
                var by = context.GetArgument<Dictionary<string, object?>>("by");
                var (key, value) = by.Single();
                return $"{key}={value}";
            });

        Field<IntGraphType>("page")
            .Argument<IntGraphType>("size", arg => arg.DeprecationReason = "Use `first`.")
            .Argument<IntGraphType>("first")
            .Argument<PageFilterInput>("filter")
            .Resolve(context => context.GetArgument<int?>("first") ?? context.GetArgument<int?>("size"));

        Field<Sku>("sku").Resolve(_ => "SKU-1");
    }
}

internal sealed class ItemByInput : InputObjectGraphType
{
    public ItemByInput()
    {
        Name = "ItemBy";
        IsOneOf = true;
        Field<IdGraphType>("id");
        Field<StringGraphType>("slug");
    }
}

internal sealed class PageFilterInput : InputObjectGraphType
{
    public PageFilterInput()
    {
        Name = "PageFilter";
        Field<StringGraphType>("name");
        Field<StringGraphType>("title").DeprecationReason("Use `name`.");
    }
}

internal sealed class Sku : StringGraphType
{
    public Sku()
    {
        Name = "Sku";
        this.SpecifiedBy("https://example.com/sku");
    }
}

/// <summary>A repeatable directive with a deprecated argument.</summary>
internal sealed class TagDirective : Directive
{
    public TagDirective()
        : base("tag", DirectiveLocation.FieldDefinition)
    {
        Repeatable = true;
        Arguments = new QueryArguments(
            new QueryArgument<StringGraphType> { Name = "name" },
            new QueryArgument<StringGraphType> { Name = "label", DeprecationReason = "Use `name`." });
    }
}
