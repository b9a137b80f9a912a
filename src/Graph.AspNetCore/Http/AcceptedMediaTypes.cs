using GraphQLParser.AST;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Graph.AspNetCore.Http;

/// <summary>
/// What a request's <c>Accept</c> header allows, negotiated once per request (RFC 9110 §12.5.1):
/// the JSON media type to answer in, and whether an event stream is acceptable or even preferred.
/// </summary>
/// <remarks>
/// Each media type the server can produce takes the quality of the most specific range that
/// matches it (<c>application/json</c> before <c>application/*</c> before <c>*/*</c>); a quality of
/// 0 means "not acceptable". Between the two JSON types the higher quality wins; on a tie a type the
/// client named beats one it reached by a wildcard, two named types go by the client's order, and
/// wildcards alone give <c>application/json</c> (the spec's choice for clients that do not know the
/// GraphQL response type). An event stream is a different protocol, so only a range naming
/// <c>text/event-stream</c> accepts it, never a wildcard; and a query or mutation is streamed only when
/// the client rates the event stream strictly higher than any JSON type it accepts (clients such as
/// urql list <c>text/event-stream</c> after the JSON types, at the same quality, and expect JSON).
/// A subscription is streamed whenever the event stream is acceptable at all.
/// </remarks>
/// <param name="Json">The JSON media type to answer in, or null when the client accepts neither.</param>
/// <param name="EventStreamAcceptable">Whether the client names <c>text/event-stream</c> with a quality above 0.</param>
/// <param name="EventStreamPreferred">Whether the client rates the event stream above every JSON type it accepts.</param>
public readonly record struct AcceptedMediaTypes(string? Json, bool EventStreamAcceptable, bool EventStreamPreferred)
{
    /// <summary>The media type of an event stream (graphql-sse).</summary>
    public const string EventStream = "text/event-stream";

    private const int Exact = 3;
    private const int SubTypeWildcard = 2;
    private const int AnyWildcard = 1;

    /// <summary>Whether anything the server produces is acceptable; when not, the answer is 406.</summary>
    public bool AcceptsAny => Json is not null || EventStreamAcceptable;

    /// <summary>
    /// The media type to answer an operation of <paramref name="operation"/> in (null: not known, as
    /// for a document that does not parse): <see cref="EventStream"/> or <see cref="Json"/>.
    /// </summary>
    public string? For(OperationType? operation) =>
        EventStreamPreferred || (operation == OperationType.Subscription && EventStreamAcceptable) ? EventStream : Json;

    /// <summary>Negotiates an <c>Accept</c> header; no header (or none that parses) accepts anything, as JSON.</summary>
    public static AcceptedMediaTypes Negotiate(StringValues accept)
    {
        // TryParseList skips the values that do not parse; nothing left reads as no header.
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return new AcceptedMediaTypes(GraphQLMediaTypes.Json, false, false);
        }

        var json = Find(ranges, "application", "json", wildcards: true);
        var graphQL = Find(ranges, "application", "graphql-response+json", wildcards: true);
        var eventStream = Find(ranges, "text", "event-stream", wildcards: false);

        // application/json is the server's preference on a tie that the client's header leaves open.
        var (bestType, best) = graphQL.IsBetterThan(json)
            ? (GraphQLMediaTypes.GraphQLResponse, graphQL)
            : (GraphQLMediaTypes.Json, json);
        var jsonType = best.IsAcceptable ? bestType : null;
        var eventStreamAcceptable = eventStream.IsAcceptable;
        var eventStreamPreferred = eventStreamAcceptable && (jsonType is null || eventStream.Quality > best.Quality);
        return new AcceptedMediaTypes(jsonType, eventStreamAcceptable, eventStreamPreferred);
    }

    // The most specific range that matches type/subType (the first of equally specific ones).
    private static RangeMatch Find(IList<MediaTypeHeaderValue> ranges, string type, string subType, bool wildcards)
    {
        var found = RangeMatch.None;
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            var specificity = range.MatchesAllTypes ? (wildcards ? AnyWildcard : 0)
                : !range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? 0
                : range.MatchesAllSubTypes ? (wildcards ? SubTypeWildcard : 0)
                : range.SubType.Equals(subType, StringComparison.OrdinalIgnoreCase) ? Exact
                : 0;
            if (specificity > found.Specificity)
            {
                found = new RangeMatch(range.Quality ?? 1.0, specificity, i);
            }
        }

        return found;
    }

    private readonly record struct RangeMatch(double Quality, int Specificity, int Index)
    {
        public static RangeMatch None => new(0, 0, int.MaxValue);

        public bool IsAcceptable => Specificity > 0 && Quality > 0;

        private bool IsNamed => Specificity == Exact;

        public bool IsBetterThan(RangeMatch other)
        {
            if (!IsAcceptable)
            {
                return false;
            }

            if (!other.IsAcceptable || Quality != other.Quality)
            {
                return !other.IsAcceptable || Quality > other.Quality;
            }

            return IsNamed != other.IsNamed ? IsNamed : IsNamed && Index < other.Index;
        }
    }
}
