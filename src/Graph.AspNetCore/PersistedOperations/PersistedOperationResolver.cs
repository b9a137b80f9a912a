using Graph.AspNetCore.Execution;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// Turns a request that names a persisted id into one that carries its document, by the configured
/// <see cref="PersistedOperationMode"/>, for every transport. Apollo's persisted query link relies
/// on the codes: on <c>PERSISTED_QUERY_NOT_FOUND</c> it sends the hash again with the document, on
/// <c>PERSISTED_QUERY_NOT_SUPPORTED</c> it stops sending hashes.
/// </summary>
public sealed class PersistedOperationResolver(
    IOptions<GraphQLServerOptions> options,
    TrustedDocuments trusted,
    IPersistedQueryStore store)
{
    private readonly PersistedOperationMode _mode = options.Value.PersistedOperations.Mode;

    /// <summary>
    /// The request with its document, the persisted id it was found or registered under (null when
    /// it named none), or the error that refuses it.
    /// </summary>
    public ResolvedRequest Resolve(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (id, invalid) = PersistedOperationId.Read(request);
        if (invalid is not null)
        {
            return Refused(request, invalid);
        }

        var query = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query;
        return _mode switch
        {
            PersistedOperationMode.Off when id is not null && query is null => Refused(request, new PersistedOperationError(
                ErrorCodes.PersistedQueryNotSupported, "Persisted queries are not supported here; send the document.")),
            PersistedOperationMode.Off => new ResolvedRequest(request, null, null),
            PersistedOperationMode.TrustedOnly => ResolveTrustedOnly(request, id, query),
            _ => ResolveApq(request, id, query),
        };
    }

    /// <summary>
    /// Remembers a document that was sent with its id and passed validation, so the id alone runs
    /// it next time (automatic persisted queries only; trusted documents are known already).
    /// </summary>
    public void Register(string id, string document)
    {
        if (_mode == PersistedOperationMode.Apq && !trusted.TryGet(id, out _))
        {
            store.Add(id, document);
        }
    }

    private ResolvedRequest ResolveApq(GraphQLRequest request, string? id, string? query)
    {
        if (id is null)
        {
            return new ResolvedRequest(request, null, null);
        }

        if (query is not null)
        {
            return CheckHash(request, id, query) ?? new ResolvedRequest(request, id, null);
        }

        if (trusted.TryGet(id, out var document))
        {
            return WithDocument(request, id, document.Body);
        }

        return store.TryGet(id, out var registered)
            ? WithDocument(request, id, registered)
            : Refused(request, new PersistedOperationError(ErrorCodes.PersistedQueryNotFound, "PersistedQueryNotFound: no document is known by this id; send it with the document."));
    }

    private ResolvedRequest ResolveTrustedOnly(GraphQLRequest request, string? id, string? query)
    {
        if (query is not null)
        {
            if (id is not null && CheckHash(request, id, query) is { } mismatch)
            {
                return mismatch;
            }

            // The exact text of a trusted document is as good as its id.
            var textId = id ?? PersistedOperationId.Of(query);
            return trusted.TryGet(textId, out _)
                ? new ResolvedRequest(request, textId, null)
                : Refused(request, new PersistedOperationError(ErrorCodes.PersistedQueryNotAllowed, "Only trusted documents run on this server; this one is not among them."));
        }

        if (id is null)
        {
            return new ResolvedRequest(request, null, null);
        }

        return trusted.TryGet(id, out var document)
            ? WithDocument(request, id, document.Body)
            : Refused(request, new PersistedOperationError(ErrorCodes.PersistedQueryNotFound, "PersistedQueryNotFound: no trusted document has this id."));
    }

    private static ResolvedRequest? CheckHash(GraphQLRequest request, string id, string query) =>
        string.Equals(PersistedOperationId.Of(query), id, StringComparison.Ordinal)
            ? null
            : Refused(request, new PersistedOperationError(ErrorCodes.PersistedQueryHashMismatch, "The persisted id is not the SHA-256 of the document sent with it; nothing was stored."));

    private static ResolvedRequest WithDocument(GraphQLRequest request, string id, string document) => new(
        new GraphQLRequest
        {
            Query = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            DocumentId = request.DocumentId,
        },
        id,
        null);

    private static ResolvedRequest Refused(GraphQLRequest request, ExecutionError error) => new(request, null, error);
}
