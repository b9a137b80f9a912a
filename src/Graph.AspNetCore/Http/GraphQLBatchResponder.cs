using Graph.AspNetCore.Execution;
using Graph.AspNetCore.Http.Errors;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.AspNetCore.Http;

/// <summary>
/// Executes a batch: each request in order, one at a time (so mutations run in the order sent, and
/// a query after a mutation sees its effect), each as if it had been sent alone — its own variables,
/// its own limits (cost included), its own DI scope (data loaders do not cache across elements) —
/// and answers with a JSON array of their results in the same order. An element's errors stay in its
/// own result; the batch's status is 200 once it has been read. The whole array is held to
/// <c>MaxResponseSize</c>.
/// </summary>
internal sealed class GraphQLBatchResponder<TSchema>(
    GraphQLRequestExecutor<TSchema> executor,
    GraphQLResponseWriter writer,
    IServiceScopeFactory scopes)
    where TSchema : ISchema
{
    /// <summary>Runs the batch and writes its results in <paramref name="mediaType"/>.</summary>
    public async Task ServeAsync(HttpContext context, string mediaType, IReadOnlyList<GraphQLRequest> requests, bool reportCost)
    {
        var results = new List<ExecutionResult>(requests.Count);
        foreach (var request in requests)
        {
            var prepared = executor.Prepare(request) with { ReportCost = reportCost };
            if (prepared.Operation?.Operation == OperationType.Subscription)
            {
                results.Add(new ExecutionResult { Errors = [new OperationNotSupportedError()] });
                continue;
            }

            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                results.Add(await executor.ExecuteAsync(prepared, context.User, scope.ServiceProvider, context.RequestAborted).ConfigureAwait(false));
            }
        }

        await writer.WriteAsync(context, mediaType, StatusCodes.Status200OK, results).ConfigureAwait(false);
    }
}
