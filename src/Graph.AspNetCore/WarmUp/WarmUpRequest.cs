namespace Graph.AspNetCore.WarmUp;

/// <summary>One request of the warm-up: a JSON body POSTed to the GraphQL endpoint.</summary>
/// <param name="Name">What it is, for the log (an operation name).</param>
/// <param name="Body">The GraphQL-over-HTTP request body: <c>{"query":…,"variables":…}</c> or a <c>documentId</c>.</param>
public sealed record WarmUpRequest(string Name, string Body);
