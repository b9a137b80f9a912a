namespace Graph.Api.Subscriptions.Redis;

/// <summary>The backplane cannot take an event now; the outbox keeps it and the dispatcher retries.</summary>
public sealed class BackplaneUnavailableException : Exception
{
    public BackplaneUnavailableException()
    {
    }

    public BackplaneUnavailableException(string message)
        : base(message)
    {
    }

    public BackplaneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
