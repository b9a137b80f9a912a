using System.Text.Json;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.EndToEnd;

/// <summary>
/// graphql-http's <c>auditServer</c> (the GraphQL-over-HTTP conformance audit) against the real
/// server on a real socket.
/// </summary>
public sealed class GraphQLHttpAuditTests : IDisposable
{
    private readonly KestrelShopServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task The_server_passes_every_audit_of_graphql_http()
    {
        var output = await NodeTooling.RunScriptAsync("audit.mjs", _server.GraphQLEndpoint.ToString());
        var audits = JsonSerializer.Deserialize<List<Audit>>(output.Trim(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        var failed = audits.Where(a => a.Status != "ok").Select(a => $"{a.Id} {a.Name}: {a.Reason}").ToList();
        Assert.True(failed.Count == 0, "Failed audits:\n" + string.Join('\n', failed));
        Assert.Equal(13, audits.Count(a => a.Level == "MUST"));
        Assert.Equal(23, audits.Count(a => a.Level == "SHOULD"));
    }

    private sealed record Audit(string Id, string Name, string Level, string Status, string? Reason);
}
