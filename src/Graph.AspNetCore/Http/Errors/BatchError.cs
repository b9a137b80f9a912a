namespace Graph.AspNetCore.Http.Errors;

/// <summary>A batch refused as a whole: empty (400, <c>BATCH_EMPTY</c>) or larger than allowed (413, <c>BATCH_TOO_LARGE</c>).</summary>
public sealed class BatchError(string code, string message, int statusCode)
    : TransportError(message, code, statusCode);
