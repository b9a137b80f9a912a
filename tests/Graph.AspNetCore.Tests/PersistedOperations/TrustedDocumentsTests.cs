using Graph.AspNetCore.PersistedOperations;
using GraphQLParser.AST;

namespace Graph.AspNetCore.Tests.PersistedOperations;

public sealed class TrustedDocumentsTests
{
    [Fact]
    public void Each_operation_is_a_document_with_the_fragments_it_uses_from_any_file()
    {
        const string Products = """
            # Listing
            query Listing { products(first: 2) { nodes { ...Card } } }

            mutation Rename($id: ID!) { rename(id: $id) { id } }
            """;
        const string Fragments = """
            fragment Card on Product { id ...Price }
            fragment Price on Product { price }
            fragment Unused on Product { name }
            """;

        var documents = TrustedDocuments.FromFiles([Products, Fragments]);

        Assert.Equal(["Listing", "Rename"], documents.All.Select(d => d.Name));
        var listing = documents.All[0];
        Assert.Equal(OperationType.Query, listing.Type);
        Assert.Equal(
            "query Listing { products(first: 2) { nodes { ...Card } } }\n\nfragment Card on Product { id ...Price }\n\nfragment Price on Product { price }",
            listing.Body);
        Assert.Equal(PersistedOperationId.Of(listing.Body), listing.Id);
        Assert.Equal("mutation Rename($id: ID!) { rename(id: $id) { id } }", documents.All[1].Body);
        Assert.True(documents.TryGet(listing.Id, out var found));
        Assert.Same(listing, found);
        Assert.False(documents.TryGet(PersistedOperationId.Of("{ __typename }"), out _));
    }

    [Fact]
    public void A_fragment_used_but_not_defined_fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedDocuments.FromFiles(["query A { ...Missing }"]));
        Assert.Contains("Missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_operations_of_one_name_fail()
    {
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.FromFiles(["query A { a }", "query A { b }"]));
    }

    [Fact]
    public void A_fragment_defined_twice_fails()
    {
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.FromFiles(["fragment F on Q { a }", "fragment F on Q { b }"]));
    }
}
