using System.Text;
using System.Text.Json.Nodes;

namespace Graph.Testing;

/// <summary>Reads the events of a <c>text/event-stream</c> response one at a time (comments skipped).</summary>
public sealed class SseEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event, or null when the stream ends; fails after <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<(string Event, JsonNode? Data)?> ReadAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellation.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    return (name, data.Length == 0 ? null : JsonNode.Parse(data.ToString()));
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].Trim());
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
