namespace Graph.AspNetCore.WebSockets;

/// <summary>
/// The close codes of the GraphQL WebSocket protocols (graphql-transport-ws's numbering, used by both),
/// and the standard ones the server's limits close with: 1009 (Message Too Big) for a message over
/// <see cref="GraphQLLimitsOptions.MaxSocketMessageSize"/>, and <see cref="ClientTooSlow"/>.
/// </summary>
public static class WebSocketCloseCodes
{
    /// <summary>
    /// 1013 (Try Again Later): the client did not read its messages, and more than
    /// <see cref="GraphQLLimitsOptions.MaxPendingBytesPerConnection"/> waited for it. A standard code
    /// that graphql-ws clients treat as temporary, so a client on a congested link reconnects with its
    /// back-off instead of giving up; the 44xx codes are graphql-transport-ws's, and 4xxx codes it may
    /// add later are not ours to take.
    /// </summary>
    public const int ClientTooSlow = 1013;

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
