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
        var request = context.Request;
        GraphQLRequest? graphQLRequest;
        if (HttpMethods.IsGet(request.Method))
        {
            var (fromQuery, error) = ReadQueryString(request.Query);
            if (error is not null)
            {
                return (null, error);
            }

            graphQLRequest = fromQuery;
        }
        else
        {
            if (!GraphQLMediaTypes.IsJsonContent(request.ContentType))
            {
                return (null, new UnsupportedMediaTypeError(request.ContentType));
            }

            if (request.ContentLength > options.MaxRequestBodySize)
            {
                return (null, new RequestTooLargeError(options.MaxRequestBodySize));
            }

            var (fromBody, error) = await ReadBodyAsync(context).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }

            graphQLRequest = fromBody;
        }

        var invalid = Check(graphQLRequest);
        return invalid is null ? (graphQLRequest, null) : (null, invalid);
    }

    /// <summary>Why a deserialized request cannot run, or null when it can (a batch's elements are checked alike).</summary>
    internal static TransportError? Check(GraphQLRequest? request) =>
        request is null || (string.IsNullOrWhiteSpace(request.Query) && !NamesPersistedDocument(request))
            ? new InvalidRequestError("The request has no 'query' (nor a persisted 'documentId' or 'extensions.persistedQuery').")
            : null;

    // The body is buffered whole (it is bounded by MaxRequestBodySize) and deserialized in one
    // synchronous pass; on failure the same bytes tell malformed JSON from a well-formed body that
    // is not a GraphQL request.
    private async ValueTask<(GraphQLRequest? Request, TransportError? Error)> ReadBodyAsync(HttpContext context)
    {
        var (read, bodyError) = await RequestBodyBuffer.ReadAsync(context, options.MaxRequestBodySize).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return (null, bodyError);
        }

        var body = context.Request.BodyReader;
        try
        {
            return (Deserialize(read.Buffer), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return (null, IsJson(read.Buffer)
                ? new InvalidRequestError("The request body is not a GraphQL request: a JSON object whose 'query' and 'operationName' are strings and whose 'variables' and 'extensions' are objects.")
                : new InvalidJsonError());
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
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
