namespace Graph.AspNetCore.PersistedOperations;

/// <summary>
/// Where automatic persisted queries keep the documents clients registered, by id. The default,
/// <see cref="AutomaticPersistedQueryStore"/>, is one instance's memory; an application behind a
/// load balancer registers a shared one, so that a hash registered through one instance runs on all.
/// Both calls are on the request path: a shared store answers from a local copy when it can.
/// </summary>
public interface IPersistedQueryStore
{
    /// <summary>Finds a registered document.</summary>
    bool TryGet(string id, out string document);

    /// <summary>Registers a document under its id (already checked to be its hash), if it is not there yet.</summary>
    void Add(string id, string document);
}
