using Graph.AspNetCore.Diagnostics;

namespace Graph.AspNetCore.Tests.Diagnostics;

public sealed class OperationNameTagsTests
{
    [Fact]
    public void An_unvalidated_document_never_lends_its_name()
    {
        var tags = new OperationNameTags(["Storefront"]);

        Assert.Equal(OperationNameTags.Unvalidated, tags.For("Storefront", validated: false));
        Assert.Equal(OperationNameTags.Unvalidated, tags.For("Anything_" + Guid.NewGuid().ToString("N"), validated: false));
        Assert.Null(tags.For(null, validated: true));
    }

    [Fact]
    public void Distinct_names_are_capped_but_trusted_and_known_ones_stay()
    {
        var tags = new OperationNameTags(["Storefront"]);
        var names = Enumerable.Range(0, OperationNameTags.MaxOtherNames).Select(i => $"Op{i}").ToList();

        Assert.All(names, name => Assert.Equal(name, tags.For(name, validated: true)));
        Assert.Equal(OperationNameTags.Other, tags.For("OneTooMany", validated: true));
        Assert.Equal("Op0", tags.For("Op0", validated: true));
        Assert.Equal("Storefront", tags.For("Storefront", validated: true));
    }

    [Fact]
    public async Task Concurrent_new_names_never_pass_the_cap()
    {
        var tags = new OperationNameTags([]);

        var results = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(() => tags.For($"N{i % 500}", validated: true))));

        Assert.Equal(OperationNameTags.MaxOtherNames, results.Where(r => r != OperationNameTags.Other).Distinct().Count());
    }
}
