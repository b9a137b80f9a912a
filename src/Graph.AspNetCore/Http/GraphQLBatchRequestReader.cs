using System.Buffers;
using System.Text.Json;
using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Reads a batch: a POST whose JSON body is an array of GraphQL requests (Apollo's
/// <c>BatchHttpLink</c>, Relay's batch network). The array is checked whole before anything runs:
/// every element must be a GraphQL request, there must be one at least and at most
/// <see cref="GraphQLServerOptions.MaxBatchSize"/>; otherwise the batch is refused as one request.
/// </summary>
internal sealed class GraphQLBatchRequestReader(JsonSerializerOptions json, GraphQLServerOptions options)
{
    /// <summary>Whether the request is a batch (a POST whose body opens an array); reads nothing away.</summary>
    public static ValueTask<bool> IsBatchAsync(HttpContext context, GraphQLServerOptions options) =>
        HttpMethods.IsPost(context.Request.Method) && GraphQLMediaTypes.IsJsonContent(context.Request.ContentType)
            ? RequestBodyBuffer.StartsWithArrayAsync(context, options.MaxRequestBodySize)
            : ValueTask.FromResult(false);

    /// <summary>Reads the batch's requests, in order, or the transport error that answers the whole batch.</summary>
    public async ValueTask<(IReadOnlyList<GraphQLRequest>? Requests, TransportError? Error)> ReadAsync(HttpContext context)
    {
        if (options.MaxBatchSize <= 0)
        {
            return (null, new InvalidRequestError("Batched requests (a JSON array) are turned off on this server; send one request per POST."));
        }

        var request = context.Request;
        if (request.ContentLength > options.MaxRequestBodySize)
        {
            return (null, new RequestTooLargeError(options.MaxRequestBodySize));
        }

        var (read, bodyError) = await RequestBodyBuffer.ReadAsync(context, options.MaxRequestBodySize).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return (null, bodyError);
        }

        try
        {
            return Read(read.Buffer);
        }
        finally
        {
            request.BodyReader.AdvanceTo(read.Buffer.End);
        }
    }

    private (IReadOnlyList<GraphQLRequest>? Requests, TransportError? Error) Read(ReadOnlySequence<byte> buffer)
    {
        // Counted before the elements are deserialized, so a huge batch costs a scan, not its objects.
        var count = CountElements(buffer);
        if (count is null)
        {
            return (null, new InvalidJsonError());
        }

        if (count == 0)
        {
            return (null, new BatchError(ErrorCodes.BatchEmpty, "The batch is empty; send at least one request.", StatusCodes.Status400BadRequest));
        }

        if (count > options.MaxBatchSize)
        {
            return (null, new BatchError(ErrorCodes.BatchTooLarge, $"The batch holds {count} requests; at most {options.MaxBatchSize} are allowed in one.", StatusCodes.Status413PayloadTooLarge));
        }

        List<GraphQLRequest?>? requests;
        try
        {
            var reader = new Utf8JsonReader(buffer);
            requests = JsonSerializer.Deserialize<List<GraphQLRequest?>>(ref reader, json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            return (null, new InvalidRequestError("Every element of the batch must be a GraphQL request: a JSON object whose 'query' and 'operationName' are strings and whose 'variables' and 'extensions' are objects."));
        }

        for (var i = 0; i < requests!.Count; i++)
        {
            if (GraphQLHttpRequestReader.Check(requests[i]) is { } invalid)
            {
                return (null, new InvalidRequestError($"Batch element {i}: {invalid.Message}"));
            }
        }

        return (requests!, null);
    }

    // The number of elements of the top-level array, or null when the body is not JSON.
    private static int? CountElements(ReadOnlySequence<byte> buffer)
    {
        var reader = new Utf8JsonReader(buffer);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }

            // The rest must be well-formed too (nothing after the array).
            while (reader.Read())
            {
            }

            return count;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
