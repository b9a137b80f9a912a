using Graph.AspNetCore.Execution;
using Graph.AspNetCore.PersistedOperations;
using GraphQL;
using GraphQL.Transport;

namespace Graph.AspNetCore.Tests.PersistedOperations;

public sealed class PersistedOperationIdTests
{
    // sha256("{ __typename }"), as `printf '{ __typename }' | sha256sum` prints it.
    private const string TypenameHash = "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b";

    [Fact]
    public void Id_is_the_lower_case_hex_sha256_of_the_utf8_text()
    {
        Assert.Equal(TypenameHash, PersistedOperationId.Of("{ __typename }"));
        Assert.Equal(64, PersistedOperationId.Of("{ products(where: { name: { eq: \"Śnieżka\" } }) { totalCount } }").Length);
    }

    [Theory]
    [InlineData("sha256:" + TypenameHash)]
    [InlineData(TypenameHash)]
    [InlineData("SHA256:7F56E67DD21AB3F30D1FF8B7BED08893F0A0DB86449836189B361DD1E56DDB4B")]
    public void Document_id_is_read_with_or_without_its_prefix(string documentId)
    {
        var (id, error) = PersistedOperationId.Read(new GraphQLRequest { DocumentId = documentId });

        Assert.Null(error);
        Assert.Equal(TypenameHash, id);
    }

    [Fact]
    public void Apollo_extension_is_read()
    {
        var (id, error) = PersistedOperationId.Read(Apollo(1, TypenameHash));

        Assert.Null(error);
        Assert.Equal(TypenameHash, id);
    }

    [Fact]
    public void A_request_without_an_id_has_none()
    {
        var (id, error) = PersistedOperationId.Read(new GraphQLRequest { Query = "{ __typename }" });

        Assert.Null(id);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:" + TypenameHash)]
    [InlineData("../../etc/passwd")]
    public void A_malformed_document_id_is_invalid(string documentId)
    {
        var (id, error) = PersistedOperationId.Read(new GraphQLRequest { DocumentId = documentId });

        Assert.Null(id);
        Assert.Equal(ErrorCodes.PersistedQueryInvalid, error?.Code);
    }

    [Fact]
    public void A_version_other_than_one_is_not_supported()
    {
        var (_, error) = PersistedOperationId.Read(Apollo(2, TypenameHash));

        Assert.Equal(ErrorCodes.PersistedQueryNotSupported, error?.Code);
    }

    [Fact]
    public void A_hash_that_is_not_sha256_hex_is_invalid()
    {
        var (_, error) = PersistedOperationId.Read(Apollo(1, "not-a-hash"));

        Assert.Equal(ErrorCodes.PersistedQueryInvalid, error?.Code);
    }

    private static GraphQLRequest Apollo(int version, string hash) => new()
    {
        Extensions = new Inputs(new Dictionary<string, object?>
        {
            [PersistedOperationId.ExtensionKey] = new Dictionary<string, object?> { ["version"] = version, ["sha256Hash"] = hash },
        }),
    };
}
