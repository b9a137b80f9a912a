using System.Diagnostics;
using System.Diagnostics.Metrics;
using Graph.AspNetCore.PersistedOperations;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The serving layer's metrics and operation logs: a request counter, a duration histogram and an
/// error counter per operation, a logging scope that names the operation, and a warning for slow
/// operations. Instruments that nobody listens to cost a branch; nothing is allocated for them.
/// </summary>
public sealed partial class GraphQLServerTelemetry
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly ILogger _logger;
    private readonly TimeSpan _slowThreshold;
    private readonly OperationNameTags _names;

    /// <summary>
    /// Creates the instruments on a meter named <see cref="GraphQLTelemetry.SourceName"/>; the
    /// <paramref name="trusted"/> documents' operation names are always tagged (see <see cref="OperationNameTags"/>).
    /// </summary>
    public GraphQLServerTelemetry(IMeterFactory meterFactory, IOptions<GraphQLServerOptions> options, ILoggerFactory loggerFactory, TrustedDocuments? trusted = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var meter = meterFactory.Create(GraphQLTelemetry.SourceName);
        _requests = meter.CreateCounter<long>(GraphQLTelemetry.RequestsMetric, "{request}", "GraphQL requests that reached the executor.");
        _duration = meter.CreateHistogram<double>(
            GraphQLTelemetry.DurationMetric,
            "s",
            "Time from validation to the end of execution.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _errors = meter.CreateCounter<long>(GraphQLTelemetry.ErrorsMetric, "{request}", "GraphQL requests answered with errors.");
        _logger = loggerFactory.CreateLogger("Graph.AspNetCore.Execution");
        _slowThreshold = options.Value.SlowOperationThreshold;
        _names = new OperationNameTags((trusted ?? TrustedDocuments.Empty).All.Select(d => d.Name).OfType<string>());
    }

    /// <summary>
    /// Opens a logging scope naming the operation, so that every log written while it runs (resolvers,
    /// database) carries it beside the request's trace id. Null when the logger keeps no scopes.
    /// </summary>
    public IDisposable? BeginOperationScope(string? operationName, OperationType? operationType) =>
        _logger.BeginScope(new OperationLogScope(operationName, operationType));

    /// <summary>
    /// Records one request: count, duration, errors, and a warning when it was slow. The name is a
    /// tag only when the document <paramref name="validated"/> (see <see cref="OperationNameTags"/>).
    /// </summary>
    internal void Record(string? operationName, OperationType? operationType, long startTimestamp, ExecutionResult? result, bool syntaxError, bool validated)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var failed = syntaxError || result?.Errors is { Count: > 0 };
        if (_requests.Enabled || _duration.Enabled || (failed && _errors.Enabled))
        {
            var tags = default(TagList);
            if (_names.For(operationName, validated) is { } nameTag)
            {
                tags.Add(GraphQLTelemetry.OperationNameTag, nameTag);
            }

            if (operationType is { } type)
            {
                tags.Add(GraphQLTelemetry.OperationTypeTag, TypeName(type));
            }

            _requests.Add(1, tags);
            _duration.Record(elapsed.TotalSeconds, tags);
            if (failed)
            {
                tags.Add(GraphQLTelemetry.ErrorTypeTag, syntaxError ? "syntax" : result?.Executed == true ? "execution" : "validation");
                _errors.Add(1, tags);
            }
        }

        if (_slowThreshold > TimeSpan.Zero && elapsed >= _slowThreshold)
        {
            LogSlowOperation(_logger, operationType is { } t ? TypeName(t) : "operation", operationName ?? "(anonymous)", elapsed.TotalMilliseconds, _slowThreshold.TotalMilliseconds);
        }
    }

    internal static string TypeName(OperationType type) => type switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "unknown",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow GraphQL {OperationType} {OperationName}: {ElapsedMilliseconds:0} ms (threshold {ThresholdMilliseconds:0} ms)")]
    private static partial void LogSlowOperation(ILogger logger, string operationType, string operationName, double elapsedMilliseconds, double thresholdMilliseconds);
}
