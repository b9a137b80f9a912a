using Microsoft.AspNetCore.Http;

namespace Graph.AspNetCore.Http;

/// <summary>The <c>GraphQL-Cost: report</c> request header, which asks for <c>extensions.cost</c> in the answer.</summary>
internal static class CostReport
{
    /// <summary>Whether the request asks for its operations' estimated cost.</summary>
    public static bool IsRequested(HttpContext context) =>
        context.Request.Headers.TryGetValue("GraphQL-Cost", out var value) && string.Equals(value, "report", StringComparison.OrdinalIgnoreCase);
}
