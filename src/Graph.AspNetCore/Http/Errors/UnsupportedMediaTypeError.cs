using Graph.AspNetCore.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http.Errors;

/// <summary>
/// A POST whose content type is not <c>application/json</c> (UTF-8). Refusing the "simple" content
/// types (<c>text/plain</c>, forms) is also what keeps cross-site form posts out (CSRF). 415.
/// </summary>
public sealed class UnsupportedMediaTypeError(string? contentType)
    : TransportError(
        $"The content type '{contentType ?? "(none)"}' is not supported; send 'application/json'.",
        ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status415UnsupportedMediaType);
