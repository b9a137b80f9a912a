using Graph.Api.Schema;
using Graph.Api.Tests.Infrastructure;
using Graph.AspNetCore.PersistedOperations;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.PersistedOperations;

/// <summary>
/// <c>schema/trusted-documents.json</c> is what clients send ids from: it must be exactly the
/// trusted documents the server compiled in, and those must be every operation of the frontend's files.
/// </summary>
public sealed class TrustedDocumentManifestTests : IDisposable
{
    private readonly ShopApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void The_exported_manifest_matches_the_compiled_trusted_documents()
    {
        var served = ShopTrustedDocuments.Manifest(_factory.Services.GetRequiredService<TrustedDocuments>());
        var file = File.ReadAllText(RepositoryPaths.TrustedDocuments).ReplaceLineEndings("\n");

        Assert.True(
            served == file,
            "schema/trusted-documents.json differs from the trusted documents compiled from schema/operations/. "
            + "Run `dotnet run --project src/Graph.Api -- operations manifest` and commit the file.");
    }

    [Fact]
    public void Every_operation_of_the_frontend_files_is_trusted()
    {
        var fromFiles = TrustedDocuments.FromFiles(
            Directory.GetFiles(RepositoryPaths.Operations, "*.graphql").Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f).ReplaceLineEndings("\n")));
        var compiled = _factory.Services.GetRequiredService<TrustedDocuments>();

        Assert.Equal(fromFiles.All.Select(d => d.Id), compiled.All.Select(d => d.Id));
        Assert.Contains(compiled.All, d => d.Name == "Storefront");
    }
}
