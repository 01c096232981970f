using System.Globalization;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Lines an open loop's slow requests up with the GC pauses of the processes they went through: how many slow
/// requests were in flight during some process's pause, against how many of all requests were (the base rate, so a
/// pause that merely happens often is not mistaken for the cause), and how much of the slow requests' time the
/// pauses themselves cover. A slow request that no pause touched was slow for another reason.
/// </summary>
internal static class TailAttribution
{
    public static string Describe(string scenario, LoadResult load, IReadOnlyList<GcPauseRecorder.Pause> pauses, TimeSpan slowerThan)
    {
        var requests = load.Timeline;
        if (requests.Count == 0)
        {
            return $"- {scenario}: no requests to attribute.";
        }

        var window = (Start: requests.Min(r => r.IntendedUtc), End: requests.Max(r => r.AnsweredUtc));
        var inWindow = pauses.Where(p => p.EndUtc > window.Start && p.StartUtc < window.End).ToArray();
        var slow = requests.Where(r => r.Latency > slowerThan).ToArray();
        var processes = inWindow.Select(p => p.Process).Distinct().Order(StringComparer.Ordinal).ToArray();

        var text = new List<string>
        {
            F($"- {scenario}: {slow.Length:N0} of {requests.Count:N0} requests took over {slowerThan.TotalMilliseconds:F1} ms;") +
            F($" {Share(slow, inWindow):P0} of those were in flight during a GC pause of some process, against {Share(requests, inWindow):P0} of all requests;") +
            F($" pauses cover {CoveredShare(slow, inWindow):P0} of the slow requests' time."),
        };
        foreach (var process in processes)
        {
            var own = inWindow.Where(p => p.Process == process).ToArray();
            var byGeneration = string.Join(", ", own.GroupBy(p => p.Generation).OrderBy(g => g.Key).Select(g => F($"gen{g.Key} {g.Count()}")));
            text.Add(F($"  - {process}: {own.Length} pauses ({byGeneration}), {own.Sum(p => p.Duration.TotalMilliseconds):F0} ms in all, longest {own.Max(p => p.Duration.TotalMilliseconds):F1} ms (gen{own.MaxBy(p => p.Duration)!.Generation}),") +
                F($" {own.Sum(p => p.Suspending.TotalMilliseconds) / own.Sum(p => p.Duration.TotalMilliseconds):P0} of it stopping the threads;") +
                F($" in flight during one: {Share(slow, own):P0} of the slow requests, {Share(requests, own):P0} of all."));
        }

        return string.Join(Environment.NewLine, text);
    }

    /// <summary>The share of requests in flight at some moment of some pause.</summary>
    private static double Share(IReadOnlyCollection<TimedRequest> requests, IReadOnlyList<GcPauseRecorder.Pause> pauses) =>
        requests.Count == 0 ? 0 : requests.Count(r => Overlap(r, pauses) > TimeSpan.Zero) / (double)requests.Count;

    /// <summary>The share of the requests' summed latency during which at least one of the processes was paused.</summary>
    private static double CoveredShare(IReadOnlyCollection<TimedRequest> requests, IReadOnlyList<GcPauseRecorder.Pause> pauses)
    {
        var total = requests.Sum(r => r.Latency.TotalMilliseconds);
        return total == 0 ? 0 : requests.Sum(r => Overlap(r, pauses).TotalMilliseconds) / total;
    }

    /// <summary>How long, within the request's time in flight, at least one pause was under way (overlaps merged).</summary>
    private static TimeSpan Overlap(TimedRequest request, IReadOnlyList<GcPauseRecorder.Pause> pauses)
    {
        var covered = TimeSpan.Zero;
        var reached = request.IntendedUtc;
        foreach (var pause in pauses.Where(p => p.EndUtc > request.IntendedUtc && p.StartUtc < request.AnsweredUtc).OrderBy(p => p.StartUtc))
        {
            var start = pause.StartUtc > reached ? pause.StartUtc : reached;
            var end = pause.EndUtc < request.AnsweredUtc ? pause.EndUtc : request.AnsweredUtc;
            if (end > start)
            {
                covered += end - start;
                reached = end;
            }
        }

        return covered;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
