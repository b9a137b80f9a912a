using System.Text.Json;
using Graph.AspNetCore.Http.Errors;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.AspNetCore.Http;

/// <summary>Reads a <see cref="GraphQLRequest"/> from a GET query string or a POST JSON body.</summary>
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

            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = options.MaxRequestBodySize;
            }

            try
            {
                graphQLRequest = await serializer.ReadAsync<GraphQLRequest>(request.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, new RequestTooLargeError(options.MaxRequestBodySize));
            }
            catch (JsonException)
            {
                return (null, new InvalidJsonError());
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
            {
                // The engine's request converter throws these for parameters of the wrong JSON type.
                return (null, new InvalidRequestError("The request body is not a GraphQL request: 'query' and 'operationName' must be strings, 'variables' and 'extensions' objects."));
            }
        }

        if (graphQLRequest is null || string.IsNullOrWhiteSpace(graphQLRequest.Query))
        {
            return (null, new InvalidRequestError("The request has no 'query'."));
        }

        return (graphQLRequest, null);
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
