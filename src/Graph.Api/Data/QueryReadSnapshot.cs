using GraphQL.Execution;
using GraphQLParser.AST;

namespace Graph.Api.Data;

/// <summary>
/// While a query executes, its reads share one snapshot (<see cref="ShopReadSession.HoldSnapshot"/>).
/// Mutations and subscriptions are left as they are: a mutation's payload must see its own write.
/// </summary>
/// <remarks>
/// The snapshot ends with the execution, before the response is written, so that a slow client does
/// not keep a read transaction open (under WAL a checkpoint cannot pass an open reader's snapshot).
/// When execution throws, the request scope's end releases it.
/// </remarks>
internal sealed class QueryReadSnapshot : DocumentExecutionListenerBase
{
    public override Task BeforeExecutionAsync(IExecutionContext context)
    {
        if (context.Operation.Operation == OperationType.Query)
        {
            context.RequestServices?.GetService<ShopReadSession>()?.HoldSnapshot();
        }

        return Task.CompletedTask;
    }

    public override Task AfterExecutionAsync(IExecutionContext context) =>
        context.Operation.Operation == OperationType.Query && context.RequestServices?.GetService<ShopReadSession>() is { } session
            ? session.ReleaseSnapshotAsync()
            : Task.CompletedTask;
}
