using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Light load on one view: a few clients in a closed loop, each sending the next request when the previous answer
/// arrived, every request timed from send to full body. Non-2xx answers are counted, not timed.
/// </summary>
internal static class HttpScenario
{
    public static async Task<(Latencies Latencies, int Failures)> RunAsync(
        HttpClient http, Func<Random, string> nextPath, int requests, int clients, int warmUp = 200)
    {
        var latencies = new Latencies();
        var failures = 0;
        var remaining = warmUp + requests;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var timer = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Get, nextPath(random));
                using var response = await AnswerBody.SendAndDrainAsync(http, request);
                var elapsed = timer.Elapsed;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
                else if (Volatile.Read(ref remaining) < requests)
                {
                    latencies.Add(elapsed);
                }
            }
        })));
        return (latencies, failures);
    }
}
