using System.Text.Json;
using System.Text.Json.Serialization;
using Graph.AspNetCore.PersistedOperations;
using GraphQLParser.AST;

namespace Graph.Api.Schema;

/// <summary>
/// The shop's trusted documents: the operations of <c>schema/operations/*.graphql</c>, compiled into
/// the assembly, one document per operation. <c>operations manifest</c> writes them as an Apollo
/// persisted query manifest (<c>schema/trusted-documents.json</c>) for clients that send ids.
/// </summary>
public static class ShopTrustedDocuments
{
    private const string ResourcePrefix = "TrustedDocuments/";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Loads the documents compiled into this assembly.</summary>
    public static TrustedDocuments Load()
    {
        var assembly = typeof(ShopTrustedDocuments).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().ReplaceLineEndings("\n");
            })
            .ToList();
        return TrustedDocuments.FromFiles(files);
    }

    /// <summary>The documents as an Apollo persisted query manifest (format <c>apollo-persisted-query-manifest</c>, version 1).</summary>
    public static string Manifest(TrustedDocuments documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var manifest = new ManifestFile("apollo-persisted-query-manifest", 1, [.. documents.All.Select(d => new ManifestOperation(d.Id, d.Name, TypeName(d.Type), d.Body))]);
        return JsonSerializer.Serialize(manifest, ManifestJson).ReplaceLineEndings("\n") + "\n";
    }

    private static string TypeName(OperationType type) => type switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    private sealed record ManifestFile(string Format, int Version, IReadOnlyList<ManifestOperation> Operations);

    private sealed record ManifestOperation(
        string Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
        string Type,
        string Body);
}
