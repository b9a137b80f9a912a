using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Limits;

/// <summary>
/// Every request of the hostile corpus against a Production server, anonymous: refused with its
/// code and status before anything runs, with no stack trace, exception text or suggestion in the
/// answer, in a time bounded relative to a new <c>{ __typename }</c> document (parsed and validated
/// like each hostile one) in a body of the same length, measured in the same run, and the
/// server answering normally afterwards.
/// </summary>
public sealed class HostileRequestTests(HostileRequestTests.Server server, ITestOutputHelper output) : IClassFixture<HostileRequestTests.Server>
{
    /// <summary>How many times slower than <c>{ __typename }</c> a refusal may be (the best of three tries).</summary>
    private const double RefusalTimeFactor = 100;

    public static TheoryData<string> Names() => [.. HostileRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Hostile_request_is_refused_quickly_with_its_code_and_the_server_stays_healthy(string name)
    {
        var hostile = HostileRequests.All[name];
        var body = Body(hostile);
        var baseline = await server.TypenameTimeAsync(body.Length);

        GraphQLResponse? answer = null;
        var best = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            answer = await server.Client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, body, "application/json", "application/graphql-response+json");
            var took = Stopwatch.GetElapsedTime(started);
            best = took < best ? took : best;
        }

        Assert.NotNull(answer);
        output.WriteLine($"refused: {name} | {body.Length:N0} bytes | {hostile.Code} | {best.TotalMilliseconds:0.000} ms | {{ __typename }} in the same size {baseline.TotalMilliseconds:0.000} ms");
        Assert.Equal((HttpStatusCode)hostile.Status, answer.Status);
        Assert.Equal([hostile.Code], answer.ErrorCodes);
        Assert.False(answer.HasData, answer.Text.Length > 500 ? answer.Text[..500] : answer.Text);
        AssertClean(answer.Text);
        Assert.True(
            best.TotalMilliseconds <= baseline.TotalMilliseconds * RefusalTimeFactor,
            $"refused in {best.TotalMilliseconds:0.000} ms; {{ __typename }} takes {baseline.TotalMilliseconds:0.000} ms");

        var after = await server.Client.PostAsync("{ __typename products(first: 1) { nodes { name } } }");
        after.AssertNoErrors();
    }

    [Fact]
    public async Task A_batch_of_hostile_requests_is_refused_element_by_element_and_a_longer_one_whole()
    {
        // Batching does not multiply what one request may ask: each element passes the limits alone.
        var costly = HostileRequests.All["3 levels of nested connections, first: 50 each"];
        var deep = HostileRequests.All["5 levels of nested connections, first: 50 each"];
        var ten = "[" + string.Join(',', Enumerable.Range(0, 10).Select(i => Body(i % 2 == 0 ? costly : deep))) + "]";
        var eleven = "[" + string.Join(',', Enumerable.Repeat("{\"query\":\"{ __typename }\"}", 11)) + "]";

        var started = Stopwatch.GetTimestamp();
        var batch = await server.Client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, ten, "application/json", "application/graphql-response+json");
        var took = Stopwatch.GetElapsedTime(started);
        var tooLong = await server.Client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, eleven, "application/json", "application/graphql-response+json");

        var results = Assert.IsType<JsonArray>(batch.Json);
        Assert.Equal(10, results.Count);
        Assert.All(results.Select((r, i) => (r, i)), x =>
        {
            Assert.False(x.r!.AsObject().ContainsKey("data"));
            Assert.Equal(x.i % 2 == 0 ? costly.Code : deep.Code, x.r!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        });
        AssertClean(batch.Text);
        output.WriteLine($"batch of 10 hostile requests refused in {took.TotalMilliseconds:0.000} ms");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.Status);
        Assert.Equal(["BATCH_TOO_LARGE"], tooLong.ErrorCodes);
    }

    [Fact]
    public async Task The_errors_of_a_response_are_capped_with_one_that_says_how_many_were_left_out()
    {
        // Anonymous: every `stock` is denied, one error per product; three pages of 50 are 150 errors.
        var answer = await server.Client.PostAsync("{ a: products(first: 50) { nodes { stock } } b: products(first: 50, after: null) { nodes { stock } } c: products(last: 50) { nodes { stock } } }");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(101, answer.Errors!.Count);
        Assert.All(answer.ErrorCodes.Take(100), code => Assert.Equal("AUTH_NOT_AUTHENTICATED", code));
        Assert.Equal("TOO_MANY_ERRORS", answer.ErrorCodes[100]);
        Assert.Equal(50, answer.Data!["a"]!["nodes"]!.AsArray().Count);
        AssertClean(answer.Text);
    }

    [Theory]
    [InlineData("100000000000000000")] // a decimal, but 10^19 cents overflow the column
    [InlineData("7922816251426433759354395033")]
    public async Task A_cursor_holding_a_price_no_column_holds_pages_as_that_price_would_without_an_error(string price)
    {
        var first = await server.Client.PostAsync("{ products(first: 1, order: [{ price: DESC }]) { edges { cursor } } }");
        var cursor = first.Data!["products"]!["edges"]![0]!["cursor"]!.GetValue<string>();
        var values = JsonNode.Parse(Convert.FromBase64String(cursor))!.AsArray();
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes($"[{values[0]!.ToJsonString()},{price},{values[2]!.ToJsonString()}]"));
        var errorsBefore = server.Logs.AtLeast(LogLevel.Error).Count();

        var answer = await server.Client.PostAsync("query ($c: String) { products(first: 5, after: $c, order: [{ price: DESC }]) { nodes { name } } }", new { c = forged });

        // Every product is cheaper than that price, so the page after it (descending) is the first page.
        answer.AssertNoErrors();
        Assert.Equal(5, answer.Data!["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal(errorsBefore, server.Logs.AtLeast(LogLevel.Error).Count());
    }

    [Fact]
    public async Task Each_error_in_a_list_has_its_own_path_and_one_location()
    {
        var answer = await server.Client.PostAsync("{ products(first: 3) { nodes { stock } } }");

        var errors = answer.Errors!;
        Assert.Equal(3, errors.Count);
        Assert.Equal(
            ["products.nodes.0.stock", "products.nodes.1.stock", "products.nodes.2.stock"],
            errors.Select(e => string.Join('.', e!["path"]!.AsArray().Select(p => p!.ToString()))).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Single(e!["locations"]!.AsArray()));
    }

    [Fact]
    public async Task The_cost_is_reported_on_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = new StringContent("""{"query":"{ products(first: 20) { nodes { name category { name } } } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("GraphQL-Cost", "report");
        using var response = await server.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var cost = json.RootElement.GetProperty("extensions").GetProperty("cost");
        Assert.Equal(41, cost.GetProperty("estimated").GetDouble()); // products 1 + 20 × (node 1 + category 1)
        Assert.Equal(5_000, cost.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task A_refused_operation_reports_its_cost_on_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLHttp.Path)
        {
            Content = new StringContent(Body(HostileRequests.All["3 levels of nested connections, first: 50 each"]), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("GraphQL-Cost", "report");
        using var response = await server.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // 1 + 50 × (1 + 1 + (1 + 50 × (1 + 1 + (1 + 50 × 1)))): the figure the README quotes.
        Assert.Equal(132_651, json.RootElement.GetProperty("extensions").GetProperty("cost").GetProperty("estimated").GetDouble());
    }

    [Fact]
    public async Task Without_the_header_no_cost_is_reported()
    {
        var answer = await server.Client.PostAsync("{ products(first: 20) { nodes { name } } }");

        Assert.Null(answer.Json!["extensions"]);
    }

    private static string Body(HostileRequest hostile)
    {
        var body = new StringBuilder("{\"query\":").Append(JsonSerializer.Serialize(hostile.Query));
        if (hostile.Variables is not null)
        {
            body.Append(",\"variables\":").Append(hostile.Variables);
        }

        if (hostile.OperationName is not null)
        {
            body.Append(",\"operationName\":").Append(JsonSerializer.Serialize(hostile.OperationName));
        }

        return body.Append('}').ToString();
    }

    private static void AssertClean(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text.Replace("at most", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
    }

    /// <summary>One Production server for the whole corpus; nothing it is sent changes its data.</summary>
    public sealed class Server : IDisposable
    {
        private readonly ShopApiFactory _factory = new() { EnvironmentName = "Production" };

        public Server() => Client = _factory.CreateClient();

        public HttpClient Client { get; }

        public LogCapture Logs => _factory.Logs;

        /// <summary>
        /// The median time of <c>{ __typename }</c>, measured now, in a body as long as the hostile one
        /// (padded in <c>extensions</c>): receiving and reading the bytes is the same work for both.
        /// </summary>
        public async Task<TimeSpan> TypenameTimeAsync(int bodyLength)
        {
            // A document the server has not seen (an alias of its own each time), so that the baseline
            // is parsed and validated as every hostile document is, in a body of the same length.
            var padding = new string('x', Math.Max(0, bodyLength - 80));
            var times = new List<TimeSpan>();
            for (var i = 0; i < 15; i++)
            {
                var body = "{\"query\":\"{ t" + Guid.NewGuid().ToString("N") + ": __typename }\",\"extensions\":{\"pad\":\"" + padding + "\"}}";
                var started = Stopwatch.GetTimestamp();
                (await Client.SendRawAsync(HttpMethod.Post, GraphQLHttp.Path, body, "application/json", "application/json")).AssertNoErrors();
                times.Add(Stopwatch.GetElapsedTime(started));
            }

            return times.Order().ElementAt(times.Count / 2);
        }

        public void Dispose()
        {
            Client.Dispose();
            _factory.Dispose();
        }
    }
}
