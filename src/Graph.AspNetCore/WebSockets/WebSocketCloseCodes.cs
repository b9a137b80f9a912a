namespace Graph.AspNetCore.WebSockets;

/// <summary>The close codes of the GraphQL WebSocket protocols (graphql-transport-ws's numbering, used by both).</summary>
public static class WebSocketCloseCodes
{
    /// <summary>A message that is not JSON, not an object, or not a message of the protocol.</summary>
    public const int BadRequest = 4400;

    /// <summary>An operation before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>The connection's credentials were refused (a bad or expired token).</summary>
    public const int Forbidden = 4403;

    /// <summary>The client asked for no subprotocol this server speaks.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary><c>connection_init</c> did not arrive in time.</summary>
    public const int ConnectionInitialisationTimeout = 4408;

    /// <summary>An operation id that is already in use on the connection.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>A second <c>connection_init</c>.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>The server failed unexpectedly.</summary>
    public const int InternalServerError = 4500;
}
