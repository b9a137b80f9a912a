using GraphQL.Introspection;
using GraphQL.Types;

namespace Graph.AspNetCore.Introspection;

/// <summary>
/// What introspection shows, as the specification and graphql-js have it. graphql-dotnet's default filter
/// hides every directive with a type-system location (<c>@specifiedBy</c>, <c>@oneOf</c>, <c>@authorize</c>,
/// <c>@cost</c>, …) from <c>__schema.directives</c>, so a schema rebuilt from introspection would lack
/// directives the SDL defines; and it hides <c>__Directive.isRepeatable</c> from <c>__Type.fields</c>, so
/// a tool that looks for the field before asking for it would think it missing. This filter shows every
/// directive that does not itself opt out (<see cref="Directive.Introspectable"/> false), and every field.
/// </summary>
public sealed class SpecSchemaFilter : DefaultSchemaFilter
{
    /// <inheritdoc />
    public override Task<bool> AllowField(IGraphType parent, IFieldType field) => Allowed;

    /// <inheritdoc />
    public override Task<bool> AllowDirective(Directive directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        return directive.Introspectable ?? true ? Allowed : Forbidden;
    }
}
