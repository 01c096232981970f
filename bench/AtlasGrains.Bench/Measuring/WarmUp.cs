using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Unmeasured load before a measurement, for at least a given time. A .NET process compiles a method again and again
/// as it gets hot (tiered compilation with dynamic PGO), and perf showed the gateway's JIT still taking about a
/// quarter of its CPU ten seconds into S3 after 2,000 requests of warm-up: a measurement that starts that early
/// measures the compiler, not the steady state a long-running system serves in.
/// </summary>
internal static class WarmUp
{
    private const int Chunk = 500;

    /// <summary>
    /// Sends requests 0, 1, 2... in closed-loop chunks until <paramref name="duration"/> has passed or
    /// <paramref name="limit"/> were sent; returns how many were sent.
    /// </summary>
    public static async Task<int> RunAsync(
        HttpClient http, Func<int, HttpRequestMessage> request, int workers, TimeSpan duration, int limit = int.MaxValue)
    {
        var timer = Stopwatch.StartNew();
        var sent = 0;
        while (timer.Elapsed < duration && sent < limit)
        {
            var first = sent;
            var count = Math.Min(Chunk, limit - sent);
            await ClosedLoad.RunAsync(http, index => request(first + index), count, workers);
            sent += count;
        }

        return sent;
    }
}
