namespace Graph.AspNetCore.Tests.DataLoader;

public class CancellationTests
{
    [Fact]
    public async Task A_cancelled_request_gets_OperationCanceledException_and_fetches_nothing()
    {
        var loader = new RecordingLoader();
        var pending = loader.LoadAsync(1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.GetResultAsync(new CancellationToken(canceled: true)));

        Assert.Empty(loader.Batches);
    }

    [Fact]
    public async Task Keys_left_queued_by_a_cancelled_caller_go_out_with_the_next_caller()
    {
        var loader = new RecordingLoader();
        var pending = loader.LoadAsync(1);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.GetResultAsync(new CancellationToken(canceled: true)));

        Assert.Equal("v1", await pending.GetResultAsync());
    }

    [Fact]
    public async Task The_batch_receives_the_requests_token()
    {
        using var request = new CancellationTokenSource();
        var loader = new RecordingLoader();

        await Wave.Complete([loader.LoadAsync(1), loader.LoadAsync(2)], request.Token);

        Assert.Equal(request.Token, Assert.Single(loader.Tokens));
    }

    [Fact]
    public async Task Cancelling_during_the_fetch_cancels_every_waiting_field()
    {
        using var request = new CancellationTokenSource();
        var fetching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new RecordingLoader
        {
            BeforeAnswer = async (_, token) =>
            {
                fetching.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
        };

        var fields = new[] { loader.LoadAsync(1), loader.LoadAsync(2) }
            .Select(result => result.GetResultAsync(request.Token))
            .ToArray();
        await fetching.Task;
        await request.CancelAsync();

        foreach (var field in fields)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => field);
        }
    }
}
