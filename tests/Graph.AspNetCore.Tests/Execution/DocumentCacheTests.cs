using Graph.AspNetCore.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Tests.Execution;

public class DocumentCacheTests
{
    [Fact]
    public void An_admitted_document_is_found_again()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        var parsed = cache.Parse("{ a }");
        Assert.False(cache.TryGet("{ a }", out _));
        cache.Admit("{ a }", parsed);

        Assert.True(cache.TryGet("{ a }", out var found));
        Assert.Same(parsed, found);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_document_that_does_not_parse_throws_the_parser_error()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        Assert.Throws<GraphQLSyntaxErrorException>(() => cache.Parse("{"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_document_size_is_what_its_syntax_tree_and_text_take()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        var small = cache.Parse("{ a }");
        var large = cache.Parse("{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"f{i}: a")) + " }");

        Assert.True(small.Size >= 10, $"small: {small.Size} bytes");
        Assert.True(large.Size > 20 * small.Size, $"small: {small.Size} bytes, large: {large.Size} bytes");
    }

    [Fact]
    public void The_cache_is_bounded_by_bytes()
    {
        const long budget = 64 * 1024;
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions { DocumentCacheSize = budget }));

        long admitted = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var text = $"{{ a{i} b c d }}";
            var document = cache.Parse(text);
            admitted += document.Size;
            cache.Admit(text, document);
        }

        var kept = Enumerable.Range(0, 2_000).Select(i => $"{{ a{i} b c d }}").Count(text => cache.TryGet(text, out _));
        Assert.True(admitted > 4 * budget, $"only {admitted} bytes offered");
        Assert.True(kept < 2_000 / 4, $"{kept} documents kept");
    }

    [Fact]
    public async Task A_flood_of_new_documents_does_not_push_out_the_ones_in_use()
    {
        const long budget = 64 * 1024;
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions { DocumentCacheSize = budget }));
        var hot = Enumerable.Range(0, 5).Select(i => $"query Hot{i} {{ a b c }}").ToArray();
        foreach (var text in hot)
        {
            cache.Admit(text, cache.Parse(text));
            for (var hit = 0; hit < DocumentCache.PromoteAfterHits; hit++)
            {
                Assert.True(cache.TryGet(text, out _));
            }
        }

        for (var i = 0; i < 20_000; i++)
        {
            var text = $"{{ flood{i} }}";
            cache.Admit(text, cache.Parse(text));

            // The cache compacts on a background thread when it is full: let it run now and then.
            if (i % 1_000 == 0)
            {
                await Task.Yield();
            }
        }

        Assert.All(hot, text => Assert.True(cache.TryGet(text, out _), $"{text} was pushed out"));
    }

    [Fact]
    public void A_size_of_zero_turns_the_cache_off()
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions { DocumentCacheSize = 0 }));

        cache.Admit("{ a }", cache.Parse("{ a }"));

        Assert.False(cache.TryGet("{ a }", out _));
    }

    [Theory]
    [InlineData("query A { a } query B { b }", "B", "B")]
    [InlineData("{ a }", null, null)]
    [InlineData("query A { a } query B { b }", null, "none")]
    [InlineData("query A { a }", "C", "none")]
    public void Selects_the_named_or_only_operation(string text, string? name, string? expected)
    {
        using var cache = new DocumentCache(Options.Create(new GraphQLServerOptions()));

        var operation = cache.Parse(text).SelectOperation(name);

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
