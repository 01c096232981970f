using System.Globalization;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// What one process's garbage collector did during a load, in a line: its collections by generation; the share of the
/// load's time it kept every thread stopped, and how much of that went to bringing the threads to a stop (long when
/// they wait for a core) rather than to collecting; what the collections promoted out of gen0 and gen1; and the
/// process's GC handles. A silo that holds a new activation for each new user promotes nearly all of it, so its
/// collections escalate to gen1 and gen2, and this line shows it in every run rather than only in a profile.
/// </summary>
internal static class GcDuringLoad
{
    public static string Describe(
        string process, GcPauseRecorder recorder, IReadOnlyList<GcPauseRecorder.Pause> pauses, TimeSpan elapsed)
    {
        var own = recorder.Collections.Where(collection => collection.Process == process).ToArray();
        var outcomes = recorder.Outcomes.Where(outcome => outcome.Process == process).ToArray();
        var stopped = pauses.Where(pause => pause.Process == process).ToArray();
        if (own.Length == 0)
        {
            return F($"{process} GC: none");
        }

        var byGeneration = string.Join(", ", Enumerable.Range(0, 3).Select(generation => F($"{own.Count(c => c.Generation == generation)} gen{generation}")));
        var background = own.Count(collection => collection.Background);
        var pausedMs = stopped.Sum(pause => pause.Duration.TotalMilliseconds);
        var stoppingMs = stopped.Sum(pause => pause.Suspending.TotalMilliseconds);
        var longestMs = stopped.Length == 0 ? 0 : stopped.Max(pause => pause.Duration.TotalMilliseconds);
        return F($"{process} GC: {byGeneration} ({background} background), paused {100 * pausedMs / elapsed.TotalMilliseconds:F0}% of the time ") +
            F($"({100 * stoppingMs / Math.Max(1, pausedMs):F0}% of that stopping the threads), longest {longestMs:F0} ms, ") +
            F($"{outcomes.Sum(outcome => outcome.Promoted) / 1e6:F0} MB promoted from gen0 and gen1, {outcomes.LastOrDefault()?.Handles ?? 0:N0} GC handles");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
