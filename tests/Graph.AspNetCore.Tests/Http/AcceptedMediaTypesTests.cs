using Graph.AspNetCore.Http;
using GraphQLParser.AST;
using Microsoft.Extensions.Primitives;

namespace Graph.AspNetCore.Tests.Http;

/// <summary>
/// The <c>Accept</c> header → the media type a query (or mutation) and a subscription are answered in
/// (RFC 9110 §12.5.1 qualities and wildcards; the GraphQL-over-HTTP spec's two JSON types; graphql-sse's
/// event stream only when named, and for a query only when rated above JSON). "406" means nothing acceptable.
/// </summary>
public class AcceptedMediaTypesTests
{
    private const string GraphQL = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string Sse = "text/event-stream";
    private const string None = "406";

    [Theory]
    // No preference, or only wildcards: application/json, as the spec asks for clients that predate it.
    [InlineData(null, Json, Json)]
    [InlineData("", Json, Json)]
    [InlineData("*/*", Json, Json)]
    [InlineData("application/*", Json, Json)]
    [InlineData("not a media type", Json, Json)]
    // The JSON types by quality, then named before wildcard, then the client's order.
    [InlineData(GraphQL, GraphQL, GraphQL)]
    [InlineData(Json, Json, Json)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQL, GraphQL)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json, Json)]
    [InlineData("application/json, application/graphql-response+json", Json, Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQL, GraphQL)]
    [InlineData("*/*, application/graphql-response+json", GraphQL, GraphQL)]
    [InlineData("*/*;q=0.8, application/json;q=0.5", GraphQL, GraphQL)]
    [InlineData("application/*;q=0.2, */*", Json, Json)]
    [InlineData("application/json;charset=utf-8", Json, Json)]
    [InlineData("APPLICATION/GRAPHQL-RESPONSE+JSON", GraphQL, GraphQL)]
    // q=0 is "not acceptable", also against a wildcard that would allow it.
    [InlineData("application/json;q=0, */*", GraphQL, GraphQL)]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0, */*", None, None)]
    [InlineData("*/*;q=0", None, None)]
    [InlineData("image/png", None, None)]
    [InlineData("text/html", None, None)]
    // The event stream: a query gets it only when the client rates it above every JSON type it accepts.
    [InlineData(Sse, Sse, Sse)]
    [InlineData("text/event-stream, */*;q=0.1", Sse, Sse)]
    [InlineData("application/json;q=0.9, text/event-stream", Sse, Sse)]
    [InlineData("application/json;q=0.9, text/event-stream;q=0.1", Json, Sse)]
    [InlineData("text/event-stream, application/json", Json, Sse)]
    [InlineData("application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed", GraphQL, Sse)]
    [InlineData("application/graphql-response+json,application/json;q=0.9", GraphQL, GraphQL)]
    [InlineData("text/event-stream;q=0, application/json", Json, Json)]
    [InlineData("text/*", None, None)]
    [InlineData("text/*, */*", Json, Json)]
    [InlineData("text/event-stream, multipart/mixed", Sse, Sse)]
    public void The_answer_follows_the_accept_header(string? accept, string query, string subscription)
    {
        var accepted = AcceptedMediaTypes.Negotiate(accept is null ? StringValues.Empty : new StringValues(accept));

        Assert.Equal(query, Answer(accepted, OperationType.Query));
        Assert.Equal(query, Answer(accepted, OperationType.Mutation));
        Assert.Equal(subscription, Answer(accepted, OperationType.Subscription));
    }

    [Fact]
    public void Several_accept_header_lines_count_as_one_list()
    {
        var accepted = AcceptedMediaTypes.Negotiate(new StringValues(["application/json;q=0.5", "application/graphql-response+json"]));

        Assert.Equal(GraphQL, accepted.For(OperationType.Query));
    }

    [Fact]
    public void A_document_whose_operation_is_unknown_is_answered_as_a_query_would_be()
    {
        Assert.Equal(Json, AcceptedMediaTypes.Negotiate("application/json, text/event-stream;q=0.5").For(null));
        Assert.Equal(Sse, AcceptedMediaTypes.Negotiate("text/event-stream").For(null));
    }

    private static string Answer(AcceptedMediaTypes accepted, OperationType operation) =>
        accepted.AcceptsAny ? accepted.For(operation) ?? "null" : None;
}
