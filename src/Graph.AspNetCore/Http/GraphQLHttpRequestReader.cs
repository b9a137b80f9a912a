using System.Buffers;
using System.Text;
using System.Text.Json;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using Graph.AspNetCore.PersistedOperations;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http;

/// <summary>Reads a <see cref="GraphQLRequest"/> from a GET query string or a POST JSON body (<c>query</c>, <c>operationName</c>, <c>variables</c>, <c>extensions</c>, <c>documentId</c>).</summary>
internal sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer, GraphQLServerOptions options)
{
    /// <summary>Reads the request, or returns the transport error that answers it.</summary>
    public async ValueTask<(GraphQLRequest? Request, TransportError? Error)> ReadAsync(HttpContext context)
    {
        var (received, error) = await ReceiveAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        using (received)
        {
            return Read(context, received);
        }
    }

    /// <summary>
    /// Takes the request as sent (<see cref="ReceivedRequest"/>): a GET's query string, or a POST's
    /// JSON body buffered whole; or the transport error that answers it. The caller disposes it.
    /// </summary>
    public async ValueTask<(ReceivedRequest Received, TransportError? Error)> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return (ReceivedRequest.Get(request.QueryString.Value ?? string.Empty), null);
        }

        if (!GraphQLMediaTypes.IsJsonContent(request.ContentType))
        {
            return (default, new UnsupportedMediaTypeError(request.ContentType));
        }

        if (request.ContentLength > options.MaxRequestBodySize)
        {
            return (default, new RequestTooLargeError(options.MaxRequestBodySize));
        }

        var (read, bodyError) = await RequestBodyBuffer.ReadAsync(context, options.MaxRequestBodySize).ConfigureAwait(false);
        return bodyError is null ? (ReceivedRequest.Post(read.Buffer, request.BodyReader), null) : (default, bodyError);
    }

    /// <summary>Reads a received request as GraphQL, or returns the transport error that answers it.</summary>
    public (GraphQLRequest? Request, TransportError? Error) Read(HttpContext context, in ReceivedRequest received)
    {
        var (request, error) = received.QueryString is not null
            ? ReadQueryString(context.Request.Query)
            : ReadBody(received.Body);
        return error is not null ? (null, error)
            : Check(request) is { } invalid ? (null, invalid)
            : (request, null);
    }

    /// <summary>Why a deserialized request cannot run, or null when it can (a batch's elements are checked alike).</summary>
    internal static TransportError? Check(GraphQLRequest? request) =>
        request is null || (string.IsNullOrWhiteSpace(request.Query) && !NamesPersistedDocument(request))
            ? new InvalidRequestError("The request has no 'query' (nor a persisted 'documentId' or 'extensions.persistedQuery').")
            : null;

    // The body was buffered whole (it is bounded by MaxRequestBodySize) and is deserialized in one
    // synchronous pass; on failure the same bytes tell malformed JSON from a well-formed body that
    // is not a GraphQL request.
    private (GraphQLRequest? Request, TransportError? Error) ReadBody(ReadOnlySequence<byte> body)
    {
        try
        {
            return (Deserialize(body), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return (null, IsJson(body)
                ? new InvalidRequestError("The request body is not a GraphQL request: a JSON object whose 'query' and 'operationName' are strings and whose 'variables' and 'extensions' are objects.")
                : new InvalidJsonError());
        }
    }

    private GraphQLRequest? Deserialize(ReadOnlySequence<byte> buffer)
    {
        if (serializer is GraphQLJsonSerializer systemTextJson)
        {
            var reader = new Utf8JsonReader(buffer);
            return JsonSerializer.Deserialize<GraphQLRequest>(ref reader, systemTextJson.Options);
        }

        return serializer.Deserialize<GraphQLRequest>(Encoding.UTF8.GetString(buffer));
    }

    private static bool IsJson(ReadOnlySequence<byte> buffer)
    {
        try
        {
            using var document = JsonDocument.Parse(buffer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private (GraphQLRequest? Request, TransportError? Error) ReadQueryString(IQueryCollection query)
    {
        try
        {
            return (new GraphQLRequest
            {
                Query = query["query"].ToString(),
                OperationName = NullIfEmpty(query["operationName"].ToString()),
                Variables = ReadJsonParameter<Inputs>(query["variables"].ToString()),
                Extensions = ReadJsonParameter<Inputs>(query["extensions"].ToString()),
                DocumentId = NullIfEmpty(query["documentId"].ToString()),
            }, null);
        }
        catch (JsonException)
        {
            return (null, new InvalidJsonError());
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return (null, new InvalidRequestError("The 'variables' and 'extensions' parameters must be JSON objects."));
        }
    }

    private T? ReadJsonParameter<T>(string value)
        where T : class =>
        string.IsNullOrEmpty(value) ? null : serializer.Deserialize<T>(value);

    // Persisted operations send an id instead of the text; the executor finds the text or refuses.
    private static bool NamesPersistedDocument(GraphQLRequest request) =>
        request.DocumentId is not null || request.Extensions?.ContainsKey(PersistedOperationId.ExtensionKey) == true;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
