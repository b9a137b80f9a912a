using Graph.AspNetCore.Scalars;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Tests.Introspection;

/// <summary>The SDL says what introspection says: specified scalars, oneOf inputs, deprecated input values.</summary>
public sealed class SchemaPrintingTests : IAsyncLifetime
{
    private CatalogHost _host = null!;

    public async Task InitializeAsync() => _host = await CatalogHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Sdl()
    {
        var schema = _host.Services.GetRequiredService<CatalogSchema>();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = false, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n");
    }

    [Fact]
    public void A_specified_scalar_is_printed_with_its_url()
    {
        Assert.Contains("scalar Sku @specifiedBy(url: \"https://example.com/sku\")", Sdl(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_directives_are_defined_in_the_sdl()
    {
        var sdl = Sdl();

        Assert.Contains("directive @specifiedBy(", sdl, StringComparison.Ordinal);
        Assert.Contains("directive @oneOf on INPUT_OBJECT", sdl, StringComparison.Ordinal);
        Assert.Contains("directive @tag(name: String, label: String @deprecated(reason: \"Use `name`.\")) repeatable on FIELD_DEFINITION", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_of_input_and_deprecated_input_values_are_printed()
    {
        var sdl = Sdl();

        Assert.Contains("input ItemBy @oneOf {", sdl, StringComparison.Ordinal);
        Assert.Contains("size: Int @deprecated(reason: \"Use `first`.\")", sdl, StringComparison.Ordinal);
        Assert.Contains("title: String @deprecated(reason: \"Use `name`.\")", sdl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc, "2026-01-01T09:00:00Z")]
    [InlineData(DateTimeKind.Unspecified, "2026-01-01T09:00:00Z")]
    public void DateTime_is_always_written_in_utc_with_its_offset(DateTimeKind kind, string expected)
    {
        var value = new DateTime(2026, 1, 1, 9, 0, 0, kind);

        Assert.Equal(expected, new Rfc3339DateTimeGraphType().Serialize(value));
    }

    [Fact]
    public void DateTime_of_local_kind_is_written_as_the_same_instant_in_utc()
    {
        var instant = new DateTime(2026, 1, 1, 9, 0, 0, 123, DateTimeKind.Utc);

        Assert.Equal("2026-01-01T09:00:00.123Z", new Rfc3339DateTimeGraphType().Serialize(instant.ToLocalTime()));
    }

    [Fact]
    public void The_serving_layer_registers_the_rfc_3339_date_time()
    {
        Assert.IsType<Rfc3339DateTimeGraphType>(_host.Services.GetRequiredService<DateTimeGraphType>());
    }
}
