using Graph.Api.Tests.Infrastructure;
using static Graph.Api.Tests.Orders.ShopKit;

namespace Graph.Api.Tests.Hygiene;

/// <summary>
/// Text shown to people (product names, SKUs, descriptions, display names, review bodies) refuses
/// control characters and bidirectional formatting characters with <c>INVALID_VALUE</c> naming the
/// field, whether the value is a literal or in a variable; multi-line text keeps tab and line breaks.
/// </summary>
public sealed class DisplayTextTests : IDisposable
{
    private const string Books = "Q2F0ZWdvcnk6MQ=="; // Category:1

    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string, string> Refused()
    {
        var data = new TheoryData<string, string, string>();
        var characters = new[] { "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B", "\u202A", "\u202E", "\u2066", "\u2069" };
        foreach (var c in characters)
        {
            data.Add("createProduct", "name", c);
            data.Add("createProduct", "sku", c);
            data.Add("createProduct", "description", c);
            data.Add("updateProduct", "name", c);
            data.Add("updateProduct", "description", c);
            data.Add("signUp", "displayName", c);
            data.Add("addReview", "body", c);
        }

        // Line breaks are not allowed in one-line text.
        data.Add("createProduct", "name", "\n");
        data.Add("updateProduct", "sku", "\t");
        data.Add("signUp", "displayName", "\r");
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_forbidden_character_in_a_variable_is_invalid_value_naming_the_field(string mutation, string field, string character)
    {
        var (client, input) = Arrange(mutation);
        input[field] = $"Nice{character}Text";

        var response = await client.PostAsync($"mutation($input: {InputType(mutation)}!) {{ {mutation}(input: $input) {{ __typename }} }}", new { input });

        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("INVALID_VALUE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains($"'$input.{field}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response.Data);
        client.Dispose();
    }

    [Theory]
    [InlineData("createProduct", "name", "\\u0000")]
    [InlineData("createProduct", "description", "\\u202E")]
    [InlineData("signUp", "displayName", "\\u001B[31m")]
    [InlineData("addReview", "body", "\\u2066")]
    public async Task A_forbidden_character_in_a_literal_is_invalid_value_with_the_argument_path(string mutation, string field, string escaped)
    {
        var (client, input) = Arrange(mutation);
        input[field] = "PLACEHOLDER";
        var literal = string.Join(", ", input.Select(p => $"{p.Key}: {System.Text.Json.JsonSerializer.Serialize(p.Value)}"))
            .Replace("PLACEHOLDER", $"Bad{escaped}", StringComparison.Ordinal);

        var response = await client.PostAsync($"mutation {{ {mutation}(input: {{ {literal} }}) {{ __typename }} }}");

        var error = Assert.Single(response.Errors!)!;
        Assert.Equal("INVALID_VALUE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal($"input.{field}", error["extensions"]!["argument"]!.GetValue<string>());
        client.Dispose();
    }

    [Theory]
    [InlineData("createProduct", "description", "Line one\nLine two\r\n\tindented")]
    [InlineData("addReview", "body", "Good.\n\nWould buy again.\t5/5")]
    [InlineData("createProduct", "name", "Café – naïve 日本語 🙂")]
    public async Task Multi_line_text_keeps_tabs_and_line_breaks_and_any_printable_text_is_fine(string mutation, string field, string text)
    {
        var (client, input) = Arrange(mutation);
        input[field] = text;

        var response = await client.PostAsync($"mutation($input: {InputType(mutation)}!) {{ {mutation}(input: $input) {{ __typename errors {{ __typename }} }} }}", new { input });

        response.AssertNoErrors();
        Assert.Null(response.Data![mutation]!["errors"]);
        client.Dispose();
    }

    private (HttpClient Client, Dictionary<string, object?> Input) Arrange(string mutation) => mutation switch
    {
        "createProduct" => (_factory.ClientFor(StaffId), new() { ["sku"] = "NEW-1", ["name"] = "New", ["description"] = "New.", ["price"] = 12.5m, ["stock"] = 1, ["categoryId"] = Books }),
        "updateProduct" => (_factory.ClientFor(StaffId), new() { ["productId"] = ProductId(Novel) }),
        "signUp" => (_factory.CreateClient(), new() { ["email"] = "new@shop.test", ["password"] = "s3cretPass", ["displayName"] = "New" }),
        "addReview" => (_factory.ClientFor(AdminId), new() { ["productId"] = ProductId(Novel), ["rating"] = 4 }),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
    };

    private static string InputType(string mutation) => char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
}
