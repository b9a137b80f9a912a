namespace Graph.AspNetCore.Connections;

/// <summary>Which limit of a <see cref="ConnectionLimiter"/> refused a connection.</summary>
public enum ConnectionRefusal
{
    /// <summary>None: the connection was let in.</summary>
    None,

    /// <summary>The instance holds as many connections as it allows (503).</summary>
    Instance,

    /// <summary>The client address holds as many as it may (429).</summary>
    Client,

    /// <summary>The signed-in user holds as many as they may (429).</summary>
    User,
}
