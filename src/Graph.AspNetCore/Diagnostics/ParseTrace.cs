using System.Diagnostics;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The parse span. Whether a document was parsed is known only after the document cache answered,
/// so the span is recorded afterwards with the start time taken before the lookup.
/// </summary>
internal static class ParseTrace
{
    public static void Record(long startTimestamp, string? operationName, Exception? error)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        using var activity = GraphQLTelemetry.Source.StartActivity(
            ActivityKind.Internal,
            parentContext: default,
            startTime: DateTimeOffset.UtcNow - elapsed,
            name: GraphQLTelemetry.ParseActivityName);
        if (activity is null)
        {
            return;
        }

        if (operationName is not null)
        {
            activity.SetTag(GraphQLTelemetry.OperationNameTag, operationName);
        }

        if (error is not null)
        {
            activity.SetTag(GraphQLTelemetry.ErrorTypeTag, "syntax");
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }
}
