using Graph.AspNetCore.WarmUp;
using Microsoft.Extensions.Options;

namespace Graph.Api.Hosting;

/// <summary>
/// Says at start whether the JIT profile is in use (<see cref="JitProfile.Check"/>), and with
/// <see cref="JitProfileOptions.Record"/> stops the server once the warm-up and
/// <see cref="SignedInRecording"/> are over: the runtime writes the profile as the process exits.
/// </summary>
public sealed partial class JitProfileRecorder(
    IOptions<JitProfileOptions> options,
    WarmUpState warmUp,
    SignedInRecording signedIn,
    IHostApplicationLifetime lifetime,
    ILogger<JitProfileRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = options.Value.Record;
        if (JitProfile.Check(Environment.GetEnvironmentVariable, AppContext.BaseDirectory, recording) is { } status)
        {
            LogStatus(logger, status.Level, status.Message);
        }

        if (!recording)
        {
            return;
        }

        // The server starts (and the warm-up begins) after the hosted services have started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        if (!warmUp.IsWarmingUp && !warmUp.Over.IsCompleted)
        {
            LogNoWarmUp(logger);
        }
        else
        {
            await warmUp.Over.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var requests = await signedIn.RunAsync(stoppingToken).ConfigureAwait(false);
                LogSignedIn(logger, requests);
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or System.Text.Json.JsonException
                || (exception is TaskCanceledException && !stoppingToken.IsCancellationRequested)) // a request's timeout
            {
                LogSignedInFailed(logger, exception);
            }
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Message = "{Message}")]
    private static partial void LogStatus(ILogger logger, LogLevel level, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded the signed-in page (Me) too: {Requests} requests")]
    private static partial void LogSignedIn(ILogger logger, int requests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The signed-in page (Me) could not be recorded; the profile covers the warm-up only")]
    private static partial void LogSignedInFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "JitProfile:Record needs the warm-up (GraphQL:WarmUp:Enabled), which is off: stopping with nothing learned")]
    private static partial void LogNoWarmUp(ILogger logger);
}
