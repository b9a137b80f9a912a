using System.Net;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Http;

/// <summary>GraphQL over HTTP: methods, media types and status codes (the GraphQL-over-HTTP spec).</summary>
public sealed class GraphQLOverHttpTests : IDisposable
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private readonly ShopApiFactory _factory = new();
    private readonly HttpClient _client;

    public GraphQLOverHttpTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData(Json, Json)]
    [InlineData("*/*", Json)]
    [InlineData(null, Json)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    public async Task Post_answers_in_the_negotiated_media_type(string? accept, string expected)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""", Json, accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith(expected, response.ContentType);
        Assert.Contains("charset=utf-8", response.ContentType);
        Assert.Equal("Query", response.Data?["__typename"]?.GetValue<string>());
    }

    [Fact]
    public async Task Get_runs_a_query_with_variables_from_the_query_string()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query($slug: String!) { categoryBySlug(slug: $slug) { name } }")
            + "&variables=" + Uri.EscapeDataString("""{"slug":"books"}""");

        var response = await _client.SendRawAsync(HttpMethod.Get, url, null, null, GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Books", response.Data?["categoryBySlug"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Mutation_over_get_is_405_and_not_executed()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }");

        var response = await _client.SendRawAsync(HttpMethod.Get, url, null, null, GraphQLResponse);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.False(response.HasData);
        Assert.Equal(["HTTP_METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task Post_with_another_content_type_is_415_so_cross_site_forms_cannot_post(string? contentType)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""", contentType, Json);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(["HTTP_UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{ \"not a JSON", "HTTP_INVALID_JSON")]
    [InlineData("", "HTTP_INVALID_JSON")]
    [InlineData("""{"notquery":"{ __typename }"}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":""}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":{"obj":"ect"}}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":0}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","variables":"string"}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","variables":[1]}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","extensions":0}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""{"query":"{ __typename }","operationName":false}""", "HTTP_INVALID_REQUEST")]
    [InlineData("""[{"query":"{ __typename }"}, 1]""", "HTTP_INVALID_REQUEST")]
    [InlineData("""[{"query":"{ __typename }"}, {"query":""}]""", "HTTP_INVALID_REQUEST")]
    [InlineData("""[{"query":"{ __typename }"}""", "HTTP_INVALID_JSON")]
    public async Task A_body_that_is_not_a_graphql_request_is_400_with_a_code(string body, string code)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", body, Json, accept);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.False(response.HasData);
            Assert.Equal([code], response.ErrorCodes);
        }
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_document_that_does_not_parse_is_a_syntax_error(string accept, HttpStatusCode status)
    {
        var response = await _client.PostAsync("{", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.False(response.HasData);
        Assert.Equal(["SYNTAX_ERROR"], response.ErrorCodes);
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_document_that_does_not_validate_is_not_executed(string accept, HttpStatusCode status)
    {
        var response = await _client.PostAsync("{ noSuchField }", accept: accept);

        Assert.Equal(status, response.Status);
        Assert.False(response.HasData);
        Assert.NotNull(response.ErrorCodes.Single());
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Variables_that_do_not_coerce_are_a_request_error(string accept, HttpStatusCode status)
    {
        var response = await _client.PostAsync("query($slug: String!) { categoryBySlug(slug: $slug) { name } }", new { slug = (string?)null }, accept: accept);

        Assert.Equal(status, response.Status);
        Assert.False(response.HasData);
        Assert.NotNull(response.ErrorCodes.Single());
    }

    [Fact]
    public async Task A_document_nested_too_deeply_is_refused_without_crashing()
    {
        // 300 levels: within the token budget, so the parser's own depth guard is what refuses it
        // (deeper documents are refused earlier still, by the token count).
        var query = "{ " + string.Concat(Enumerable.Repeat("a { ", 300)) + "a" + new string('}', 301);

        var response = await _client.PostAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["DOCUMENT_TOO_DEEP"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var query = "{ __typename }" + new string(' ', 2_000_000);

        var response = await _client.PostAsync(query);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(["HTTP_REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_accept_header_that_allows_no_json_is_406()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", """{"query":"{ __typename }"}""", Json, "image/png");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(["HTTP_NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    public async Task Other_methods_are_405_with_an_allow_header(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST", "PUT", "DELETE"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Delete_without_an_event_stream_token_is_400_with_a_code()
    {
        var response = await _client.SendRawAsync(HttpMethod.Delete, "/graphql?operationId=x", null, null, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["HTTP_INVALID_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Named_operation_is_selected_by_operation_name()
    {
        var response = await _client.PostAsync("query A { a: __typename } query B { b: __typename }", operationName: "B");

        response.AssertNoErrors();
        Assert.Equal("Query", response.Data?["b"]?.GetValue<string>());
        Assert.Null(response.Data?["a"]);
    }

    [Fact]
    public async Task Subscription_over_plain_http_is_refused_with_a_code()
    {
        var response = await _client.PostAsync("subscription { __typename }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(response.ErrorCodes.Single(), new[] { "OPERATION_NOT_SUPPORTED", "SUBSCRIPTION_SINGLE_ROOT_FIELD", "FIELDS_ON_CORRECT_TYPE" });
    }
}
