using GraphQL.Types;

namespace Graph.AspNetCore.Limits.Cost;

/// <summary>Registers <c>@cost</c> and <c>@listSize</c> on a schema.</summary>
public static class CostSchemaExtensions
{
    /// <summary>
    /// Registers the cost directives unless the schema has them already. <c>AddGraphQLServer</c> does
    /// this; a schema built without it needs it before its connection fields (which declare
    /// <c>@listSize</c>) are initialized.
    /// </summary>
    public static void RegisterCostDirectives(this ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Directives.Find(CostDirective.DirectiveName) is null)
        {
            schema.Directives.Register(new CostDirective());
        }

        if (schema.Directives.Find(ListSizeDirective.DirectiveName) is null)
        {
            schema.Directives.Register(new ListSizeDirective());
        }
    }
}
