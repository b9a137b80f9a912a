using GraphQL;
using GraphQL.Utilities;

namespace Graph.Api.Schema;

/// <summary><c>schema export</c>: prints the served schema's SDL (the contract in <c>schema/schema.graphql</c>).</summary>
public static class SchemaExport
{
    public static string Print(IServiceProvider services)
    {
        var schema = services.GetRequiredService<ShopSchema>();
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true });
        return sdl.ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
