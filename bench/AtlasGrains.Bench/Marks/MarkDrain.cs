using System.Diagnostics;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// After a write scenario: polls what the system counted (a place's been-here or list count, a subscriber's pending
/// newsletters, the mails an address received) until each equals what was acknowledged, within a bounded wait.
/// Exact means every key equals its expected count; more than expected would mean a change applied although its
/// request failed, fewer that an acknowledged change was lost or is still on its way.
/// </summary>
internal sealed class MarkDrain(IGrainFactory grains, TimeSpan timeout)
{
    public sealed record Outcome(bool Exact, long Expected, long Counted, int KeysOff, string Keys, TimeSpan Waited)
    {
        public string Describe() => Exact
            ? $"counts exact ({Counted:N0}) after {Waited.TotalSeconds:F1} s"
            : $"counts NOT exact after {Waited.TotalSeconds:F0} s: {Counted:N0} counted vs {Expected:N0} expected, {KeysOff:N0} {Keys} off";
    }

    /// <summary>Waits until each place's been-here count equals its expected count (the acknowledged marks on it).</summary>
    public Task<Outcome> WaitAsync(IReadOnlyDictionary<string, int> expectedByPlace) =>
        WaitForPlacesAsync(expectedByPlace, stats => stats.BeenHere);

    /// <summary>Waits until each place's count (<paramref name="count"/> of its stats) equals its expected count.</summary>
    public Task<Outcome> WaitForPlacesAsync(IReadOnlyDictionary<string, int> expectedByPlace, Func<PlaceStats, int> count) =>
        WaitAsync(expectedByPlace, "places", async place =>
            await grains.GetGrain<IPlaceGrain>(place).GetStatsAsync() is { } stats ? count(stats) : 0);

    /// <summary>Waits until <paramref name="countOf"/> each key (named <paramref name="keys"/> in the outcome) equals its expected count.</summary>
    public async Task<Outcome> WaitAsync(IReadOnlyDictionary<string, int> expected, string keys, Func<string, Task<int>> countOf)
    {
        var timer = Stopwatch.StartNew();
        while (true)
        {
            var counts = new Dictionary<string, int>();
            await Parallel.ForEachAsync(expected.Keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
            {
                var count = await countOf(key);
                lock (counts)
                {
                    counts[key] = count;
                }
            });
            var off = expected.Count(pair => counts[pair.Key] != pair.Value);
            if (off == 0 || timer.Elapsed > timeout)
            {
                return new Outcome(off == 0, expected.Values.Sum(value => (long)value), counts.Values.Sum(value => (long)value), off, keys, timer.Elapsed);
            }

            await Task.Delay(250);
        }
    }
}
