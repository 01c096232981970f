using System.Globalization;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>K and S3 measured back to back under the same conditions: one round of a read comparison.</summary>
internal sealed record ReadPair(LoadResult K, LoadResult S3, string KCoresBusy, string S3CoresBusy);

/// <summary>
/// Several alternated rounds of one comparison, and the round whose ratio is the median. On this VM a lone pair of
/// runs is as much the neighbours' noise as ours: K's p99 at one rate ranged from 6 to 50 ms across a day. Rounds
/// alternate which of the two goes first, and the verdict is the median round's ratio, which one noisy run can't move.
/// </summary>
internal sealed record ReadRounds(IReadOnlyList<ReadPair> Rounds, Func<ReadPair, double> Ratio)
{
    /// <summary>The round whose ratio is the median (the lower middle one for an even count).</summary>
    public ReadPair Median => Rounds.OrderBy(Ratio).ElementAt((Rounds.Count - 1) / 2);

    public double MedianRatio => Ratio(Median);

    /// <summary>Each round's ratio in the order run, e.g. "0.49, 0.53, 0.58".</summary>
    public string Describe() =>
        string.Join(", ", Rounds.Select(round => Ratio(round).ToString("F2", CultureInfo.InvariantCulture)));
}
