namespace Graph.AspNetCore.Mutations;

/// <summary>
/// A domain failure returned as data in a mutation payload's <c>errors</c> (never thrown):
/// exposed through a graph type derived from <see cref="ErrorObjectType{TError}"/>.
/// </summary>
public interface IPayloadError
{
    /// <summary>What went wrong, for people.</summary>
    string Message { get; }
}
