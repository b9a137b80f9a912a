namespace Graph.AspNetCore.Subscriptions;

/// <summary>
/// Ends the stream of a subscriber that fell further behind than its buffer allows: it was dropped
/// so that it neither slows the others nor holds an unbounded backlog.
/// </summary>
public sealed class SubscriberTooSlowException : Exception
{
    /// <summary>Creates the exception for a subscriber of <paramref name="topic"/> with a buffer of <paramref name="bufferSize"/>.</summary>
    public SubscriberTooSlowException(string topic, int bufferSize)
        : base($"The subscriber fell more than {bufferSize} events behind on '{topic}' and was dropped.")
    {
        Topic = topic;
    }

    /// <summary>Creates the exception.</summary>
    public SubscriberTooSlowException()
        : this("(unknown)", 0)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SubscriberTooSlowException(string message)
        : base(message)
    {
        Topic = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SubscriberTooSlowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = string.Empty;
    }

    /// <summary>The topic the subscriber listened on.</summary>
    public string Topic { get; }
}
