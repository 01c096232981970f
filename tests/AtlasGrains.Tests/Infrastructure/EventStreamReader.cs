using System.Text.Json;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// Reads a text/event-stream response as a browser's EventSource would: events (name and data) and, unlike
/// EventSource, the comment lines too, so tests can see the heartbeats.
/// </summary>
public sealed class EventStreamReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public sealed record Message(string? Event, string Data, string? Comment)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;
    }

    /// <summary>The next event or comment, or a TimeoutException when none comes within the timeout.</summary>
    public async Task<Message> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        string? eventName = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No event arrived in time.");
            }

            switch (line)
            {
                case null:
                    throw new EndOfStreamException("The event stream ended.");
                case "" when eventName is not null || data.Count > 0:
                    return new Message(eventName, string.Join('\n', data), null);
                case "":
                    continue;
                case [':', .. var comment]:
                    return new Message(null, "", comment.Trim());
                default:
                    var (field, value) = line.IndexOf(':') is var colon and >= 0
                        ? (line[..colon], line[(colon + 1)..].TrimStart(' '))
                        : (line, "");
                    if (field == "event") eventName = value;
                    else if (field == "data") data.Add(value);
                    break;
            }
        }
    }

    /// <summary>The next "stats" event, skipping heartbeats.</summary>
    public async Task<JsonElement> NextStatsAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await NextAsync(timeout);
            if (message.Event == "stats")
            {
                return message.Json;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
