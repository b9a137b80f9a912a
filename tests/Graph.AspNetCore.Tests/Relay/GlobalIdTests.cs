using Graph.AspNetCore.Relay;

namespace Graph.AspNetCore.Tests.Relay;

public class GlobalIdTests
{
    [Fact]
    public void Encodes_type_and_key_as_base64_like_HotChocolate()
    {
        Assert.Equal("UHJvZHVjdDox", GlobalId.Encode("Product", 1));
    }

    [Theory]
    [InlineData("Product", 0)]
    [InlineData("Product", -42)]
    [InlineData("Category", int.MaxValue)]
    [InlineData("Ünïcödé", int.MinValue)]
    public void An_integer_key_encodes_as_its_decimal_text(string type, int key)
    {
        Assert.Equal(GlobalId.Encode(type, key.ToString(System.Globalization.CultureInfo.InvariantCulture)), GlobalId.Encode(type, key));
    }

    [Fact]
    public void A_type_name_too_long_for_the_stack_buffer_still_encodes()
    {
        var type = new string('T', 300);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(type + ":7")), GlobalId.Encode(type, 7));
    }

    [Fact]
    public void Decodes_what_it_encodes()
    {
        Assert.True(GlobalId.TryDecode(GlobalId.Encode("Order", "42"), out var type, out var key));
        Assert.Equal("Order", type);
        Assert.Equal("42", key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("UHJvZHVjdA==")] // "Product": no separator
    [InlineData("OjE=")] // ":1": no type
    [InlineData("UHJvZHVjdDo=")] // "Product:": no key
    [InlineData("//79")] // bytes that are not UTF-8
    public void Rejects_anything_that_is_not_an_id(string id)
    {
        Assert.False(GlobalId.TryDecode(id, out _, out _));
    }

    [Fact]
    public void Rejects_overlong_input_without_decoding_it()
    {
        Assert.False(GlobalId.TryDecode(new string('A', 100_000), out _, out _));
    }

    [Theory]
    [InlineData("UHJvZHVjdDox", "Product", true, 1)]
    [InlineData("UHJvZHVjdDox", "Order", false, 0)]
    [InlineData("UHJvZHVjdDphYmM=", "Product", false, 0)] // Product:abc
    [InlineData("UHJvZHVjdDotMQ==", "Product", false, 0)] // Product:-1
    public void Decodes_integer_keys_of_the_expected_type_only(string id, string type, bool ok, int expected)
    {
        Assert.Equal(ok, GlobalId.TryDecode(id, type, out var key));
        Assert.Equal(expected, key);
    }
}
