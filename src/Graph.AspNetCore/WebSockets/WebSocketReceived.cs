namespace Graph.AspNetCore.WebSockets;

/// <summary>What <see cref="WebSocketMessageReader.ReceiveAsync"/> found.</summary>
internal enum WebSocketReceived
{
    /// <summary>A whole text message (<see cref="WebSocketMessageReader.Message"/>).</summary>
    Text,

    /// <summary>A whole binary message, which the GraphQL protocols do not use.</summary>
    Binary,

    /// <summary>The message passed the size limit; what follows of it is read and dropped.</summary>
    TooBig,

    /// <summary>The client's close frame.</summary>
    Close,

    /// <summary>The socket can no longer be read.</summary>
    Ended,
}
