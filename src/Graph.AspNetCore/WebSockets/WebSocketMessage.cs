using System.Text.Json;

namespace Graph.AspNetCore.WebSockets;

/// <summary>A message received on a GraphQL WebSocket: a JSON object with a string <c>type</c>, and maybe an <c>id</c> and a <c>payload</c>.</summary>
/// <param name="Type">The message type.</param>
/// <param name="Id">The <c>id</c> property as sent (undefined when absent).</param>
/// <param name="Payload">The <c>payload</c> property as sent (undefined when absent).</param>
internal readonly record struct WebSocketMessage(string Type, JsonElement Id, JsonElement Payload)
{
    /// <summary>The id when it is a string; null otherwise.</summary>
    public string? IdString => Id.ValueKind == JsonValueKind.String ? Id.GetString() : null;

    /// <summary>Whether the payload is absent or null.</summary>
    public bool PayloadIsNullish => Payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>Whether the payload is an object or absent, as <c>connection_init</c> and <c>ping</c> require.</summary>
    public bool PayloadIsObjectOrNullish => PayloadIsNullish || Payload.ValueKind == JsonValueKind.Object;
}
