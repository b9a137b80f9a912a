using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Accounts;

public class SigningKeyStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("too-short-key")]
    public void Outside_development_start_up_fails_without_a_256_bit_signing_key(string key)
    {
        using var factory = new ShopApiFactory { EnvironmentName = "Production", Settings = { ["Auth:SigningKey"] = key } };

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_a_missing_key_is_replaced_by_a_random_one()
    {
        using var factory = new ShopApiFactory { Settings = { ["Auth:SigningKey"] = "" } };
        using var client = factory.CreateClient();

        var token = await client.LogInAsync(DemoAccounts.Alice);

        Assert.False(string.IsNullOrEmpty(token));
    }
}
