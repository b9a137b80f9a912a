using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Graph.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Graph.AspNetCore.Tests.Diagnostics;

/// <summary>Every span of the serving layer's source stopped while it lives (any test's: filter by operation name).</summary>
internal sealed class SpanCapture : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GraphQLTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public IReadOnlyList<Activity> Of(string operationName) =>
        [.. Stopped.Where(a => (a.GetTagItem(GraphQLTelemetry.OperationNameTag) as string) == operationName)];

    public void Dispose() => _listener.Dispose();
}

/// <summary>The measurements of one application's GraphQL meter (scoped by its meter factory).</summary>
internal sealed class MeasurementCapture : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementCapture(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GraphQLTelemetry.SourceName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    public IReadOnlyList<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string instrument, string operationName) =>
        [.. Measurements.Where(m => m.Instrument == instrument && (m.Tags.GetValueOrDefault(GraphQLTelemetry.OperationNameTag) as string) == operationName)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        Measurements.Enqueue((instrument.Name, value, copy));
    }
}

/// <summary>A logger provider that keeps every entry with the properties of the scopes around it.</summary>
internal sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Dictionary<string, object?> Scope)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            provider._scopes.ForEachScope(
                (value, properties) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            properties[pair.Key] = pair.Value;
                        }
                    }
                },
                scope);
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception), scope));
        }
    }
}
