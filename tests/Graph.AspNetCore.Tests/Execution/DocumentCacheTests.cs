using Graph.AspNetCore.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Tests.Execution;

public class DocumentCacheTests
{
    [Fact]
    public void A_repeated_document_is_parsed_once()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        var first = cache.GetOrParse("{ a }");
        var second = cache.GetOrParse("{ a }");

        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_document_that_does_not_parse_is_not_cached()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        Assert.Throws<GraphQLSyntaxErrorException>(() => cache.GetOrParse("{"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions { DocumentCacheSize = 10 }));

        for (var i = 0; i < 100; i++)
        {
            cache.GetOrParse($"{{ a{i} }}");
        }

        Assert.True(cache.Count <= 10, $"{cache.Count} entries kept");
    }

    [Fact]
    public void A_size_of_zero_turns_the_cache_off()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions { DocumentCacheSize = 0 }));

        Assert.NotSame(cache.GetOrParse("{ a }"), cache.GetOrParse("{ a }"));
    }

    [Theory]
    [InlineData("query A { a } query B { b }", "B", "B")]
    [InlineData("{ a }", null, null)]
    [InlineData("query A { a } query B { b }", null, "none")]
    [InlineData("query A { a }", "C", "none")]
    public void Selects_the_named_or_only_operation(string text, string? name, string? expected)
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        var operation = cache.GetOrParse(text).SelectOperation(name);

        if (expected == "none")
        {
            Assert.Null(operation);
        }
        else
        {
            Assert.NotNull(operation);
            Assert.Equal(expected, operation.Name?.StringValue);
        }
    }
}
