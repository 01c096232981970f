using System.Diagnostics;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// After a write scenario: polls the places' been-here counts until they equal the acknowledged marks, within a
/// bounded wait. Exact means every place equals its expected count; more than expected would mean a mark applied
/// although its request failed, fewer that an acknowledged mark was lost or is still on its way.
/// </summary>
internal sealed class MarkDrain(IGrainFactory grains, TimeSpan timeout)
{
    public sealed record Outcome(bool Exact, long Expected, long Counted, int PlacesOff, TimeSpan Waited)
    {
        public string Describe() => Exact
            ? $"counts exact ({Counted:N0}) after {Waited.TotalSeconds:F1} s"
            : $"counts NOT exact after {Waited.TotalSeconds:F0} s: {Counted:N0} counted vs {Expected:N0} acknowledged, {PlacesOff:N0} places off";
    }

    /// <summary>Waits until each place's been-here count equals its expected count (the acknowledged marks on it).</summary>
    public async Task<Outcome> WaitAsync(IReadOnlyDictionary<string, int> expectedByPlace)
    {
        var timer = Stopwatch.StartNew();
        while (true)
        {
            var counts = new Dictionary<string, int>();
            await Parallel.ForEachAsync(expectedByPlace.Keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (place, _) =>
            {
                var stats = await grains.GetGrain<IPlaceGrain>(place).GetStatsAsync();
                lock (counts)
                {
                    counts[place] = stats?.BeenHere ?? 0;
                }
            });
            var off = expectedByPlace.Count(pair => counts[pair.Key] != pair.Value);
            if (off == 0 || timer.Elapsed > timeout)
            {
                return new Outcome(off == 0, expectedByPlace.Values.Sum(value => (long)value), counts.Values.Sum(value => (long)value), off, timer.Elapsed);
            }

            await Task.Delay(250);
        }
    }
}
