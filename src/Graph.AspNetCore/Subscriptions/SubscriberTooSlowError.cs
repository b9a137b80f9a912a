using GraphQL;

namespace Graph.AspNetCore.Subscriptions;

/// <summary>The error a dropped subscriber receives last (code <c>SUBSCRIBER_TOO_SLOW</c>): it fell too far behind the events.</summary>
public sealed class SubscriberTooSlowError : ExecutionError
{
    /// <summary>The error's <c>extensions.code</c>.</summary>
    public const string ErrorCode = "SUBSCRIBER_TOO_SLOW";

    /// <summary>Creates the error.</summary>
    public SubscriberTooSlowError(SubscriberTooSlowException exception)
        : base("The subscription fell too far behind its events and was ended; subscribe again to resume.", exception)
    {
        Code = ErrorCode;
    }
}
