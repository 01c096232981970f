using System.Diagnostics;

namespace AtlasGrains.Bench.Measuring;

/// <summary>
/// Waits until the servers are nearly idle, so a scenario doesn't bear the previous one's background work: after S2's
/// 50,000 marks, the users' outbox tidy-ups and whatever else they leave behind kept the silo and Azurite busy into
/// S4, and fell on whichever of S4's bands ran then (in one run Azurite's CPU per add in the late band was three times
/// the early band's).
/// </summary>
internal static class QuietSystem
{
    /// <summary>Below this share of a core, together, the servers count as idle.</summary>
    private const double IdleCores = 0.15;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits for two idle windows in a row, at most <paramref name="limit"/>; returns how long it waited and whether
    /// the servers went quiet in that time.
    /// </summary>
    public static async Task<(TimeSpan Waited, bool Quiet)> WaitAsync(IReadOnlyDictionary<string, int> servers, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        var idleWindows = 0;
        while (waited.Elapsed < limit)
        {
            var before = servers.Values.Sum(pid => ProcessCpu.Used(pid).TotalSeconds);
            var window = Stopwatch.StartNew();
            await Task.Delay(Window);
            var cores = (servers.Values.Sum(pid => ProcessCpu.Used(pid).TotalSeconds) - before) / window.Elapsed.TotalSeconds;
            idleWindows = cores < IdleCores ? idleWindows + 1 : 0;
            if (idleWindows == 2)
            {
                return (waited.Elapsed, true);
            }
        }

        return (waited.Elapsed, false);
    }
}
