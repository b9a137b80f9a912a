using System.Diagnostics.Metrics;

namespace Graph.AspNetCore.Diagnostics;

/// <summary>
/// The response cache's counters on the serving layer's meter (<see cref="GraphQLTelemetry.SourceName"/>):
/// <c>graphql.server.response_cache.hits</c>, <c>.misses</c>, <c>.evictions</c> (dropped for room)
/// and <c>.invalidations</c> (tags invalidated, and whole clears).
/// </summary>
public sealed class ResponseCacheTelemetry
{
    /// <summary>The prefix of the counters' names.</summary>
    public const string MetricPrefix = "graphql.server.response_cache";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _invalidations;

    /// <summary>Creates the counters.</summary>
    public ResponseCacheTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GraphQLTelemetry.SourceName);
        _hits = meter.CreateCounter<long>(MetricPrefix + ".hits", "{request}", "Requests answered from the response cache.");
        _misses = meter.CreateCounter<long>(MetricPrefix + ".misses", "{request}", "Cacheable requests that had to execute.");
        _evictions = meter.CreateCounter<long>(MetricPrefix + ".evictions", "{entry}", "Results dropped to stay within the size limit.");
        _invalidations = meter.CreateCounter<long>(MetricPrefix + ".invalidations", "{tag}", "Tags invalidated by changes (a whole clear counts one).");
    }

    internal void Hit() => _hits.Add(1);

    internal void Missed() => _misses.Add(1);

    internal void Evicted() => _evictions.Add(1);

    internal void Invalidated(int tags) => _invalidations.Add(tags);
}
