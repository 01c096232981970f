using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Closed loop: a fixed number of workers, each sending its next request when the previous answer arrived. Measures
/// the most a system can take at that concurrency; its latencies hide queueing (coordinated omission), so tail
/// latencies that matter come from <see cref="OpenLoad"/>.
/// </summary>
internal static class ClosedLoad
{
    /// <summary>
    /// Sends requests 0..count-1 (each exactly once), <paramref name="workers"/> at a time; tells
    /// <paramref name="acknowledged"/> which ones were answered 2xx.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        HttpClient http, Func<int, HttpRequestMessage> request, int count, int workers, Action<int>? acknowledged = null)
    {
        var histogram = LoadResult.NewHistogram();
        long succeeded = 0, failed = 0;
        var next = -1;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                if (await SendAsync(http, request(index)))
                {
                    LoadResult.Record(histogram, Stopwatch.GetElapsedTime(started));
                    Interlocked.Increment(ref succeeded);
                    acknowledged?.Invoke(index);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        return new LoadResult(succeeded, failed, timer.Elapsed, histogram);
    }

    /// <summary>True when the answer was 2xx and its body was read; a transport error counts as a failure.</summary>
    public static async Task<bool> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await AnswerBody.SendAndDrainAsync(http, request))
            {
                return response.IsSuccessStatusCode;
            }
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
