namespace Graph.AspNetCore.Mutations;

/// <summary>The result of a mutation: its data fields, and the domain errors when it failed.</summary>
public interface IPayload
{
    /// <summary>The domain errors; null or empty when the mutation succeeded.</summary>
    IReadOnlyList<IPayloadError>? Errors { get; }
}
