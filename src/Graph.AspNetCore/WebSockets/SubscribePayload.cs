using System.Text.Json;
using Graph.AspNetCore.PersistedOperations;
using GraphQL.Transport;

namespace Graph.AspNetCore.WebSockets;

/// <summary>The GraphQL request of a <c>subscribe</c> (or legacy <c>start</c>) message's payload.</summary>
internal static class SubscribePayload
{
    /// <summary>The request; null with the reason when the payload is not one.</summary>
    public static GraphQLRequest? Read(JsonElement payload, JsonSerializerOptions json, out string? problem)
    {
        problem = payload.ValueKind != JsonValueKind.Object ? "the payload must be an object"
            : !HasQueryOrPersistedId(payload) ? (payload.TryGetProperty("query", out _) ? "the payload's 'query' must be a string" : "the payload needs a 'query' or a persisted id")
            : !IsNullishOr(payload, "variables", JsonValueKind.Object) ? "the payload's 'variables' must be an object or null"
            : !IsNullishOr(payload, "operationName", JsonValueKind.String) ? "the payload's 'operationName' must be a string or null"
            : !IsNullishOr(payload, "extensions", JsonValueKind.Object) ? "the payload's 'extensions' must be an object or null"
            : null;
        if (problem is not null)
        {
            return null;
        }

        try
        {
            return payload.Deserialize<GraphQLRequest>(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            problem = "the payload is not a GraphQL request";
            return null;
        }
    }

    private static bool HasQueryOrPersistedId(JsonElement payload) =>
        payload.TryGetProperty("query", out var query)
            ? query.ValueKind == JsonValueKind.String
            : (payload.TryGetProperty("documentId", out var documentId) && documentId.ValueKind == JsonValueKind.String)
                || (payload.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                    && extensions.TryGetProperty(PersistedOperationId.ExtensionKey, out _));

    private static bool IsNullishOr(JsonElement payload, string property, JsonValueKind kind) =>
        !payload.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == kind;
}
