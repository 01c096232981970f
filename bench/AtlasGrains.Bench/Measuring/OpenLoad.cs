using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Open loop: requests go out on a fixed schedule whether or not earlier ones were answered, and each latency is
/// measured from the request's intended send time. A stall therefore shows up in the latency of every request that
/// should have gone out during it, instead of silently lowering the rate (no coordinated omission). Each answered
/// request's intended send time (UTC) and latency are kept too, to line the slow ones up with other events.
/// </summary>
internal static class OpenLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient http, Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        var histogram = LoadResult.NewHistogram();
        long succeeded = 0, failed = 0;
        var total = (int)(perSecond * duration.TotalSeconds);
        var timeline = new TimedRequest?[total];
        // Requests are counted, not kept: holding each one's task until the end kept every request's objects alive,
        // so every one of the driver's collections copied them all on, and its pauses lengthened the tails measured.
        var outstanding = 1;
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startUtc = DateTime.UtcNow;
        var start = Stopwatch.GetTimestamp();
        for (var index = 0; index < total; index++)
        {
            var intended = start + (long)(index * Stopwatch.Frequency / perSecond);
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), intended);
            if (early > TimeSpan.FromMilliseconds(1))
            {
                // Timers tick about every millisecond: the requests due meanwhile go out together right after, and
                // their latency still counts from when each was due.
                await Task.Delay(early);
            }

            Interlocked.Increment(ref outstanding);
            var message = request(index);
            var slot = index;
            _ = Task.Run(async () =>
            {
                try
                {
                    if (await ClosedLoad.SendAsync(http, message))
                    {
                        var latency = Stopwatch.GetElapsedTime(intended);
                        LoadResult.Record(histogram, latency);
                        timeline[slot] = new TimedRequest(startUtc + TimeSpan.FromSeconds(slot / perSecond), latency);
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                finally
                {
                    Answered();
                }
            });
        }

        Answered();
        await allAnswered.Task;
        // Timed to the last answer, so a system that falls behind the schedule shows a rate below the one offered.
        return new LoadResult(succeeded, failed, Stopwatch.GetElapsedTime(start), histogram)
        {
            Timeline = [.. timeline.OfType<TimedRequest>()],
        };

        void Answered()
        {
            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                allAnswered.SetResult();
            }
        }
    }
}
