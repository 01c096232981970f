using HdrHistogram;

namespace AtlasGrains.Bench.Measuring;

/// <summary>What one load run achieved: successful answers per second and the latency of each (in microseconds).</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, HistogramBase Microseconds)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public double PercentileMs(double percent) =>
        Microseconds.TotalCount == 0 ? double.NaN : Microseconds.GetValueAtPercentile(percent) / 1000.0;

    /// <summary>Microseconds from one second to a minute, 3 significant digits; thread-safe recording.</summary>
    public static HistogramBase NewHistogram() => new LongConcurrentHistogram(1, 60_000_000, 3);

    public static void Record(HistogramBase histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, histogram.HighestTrackableValue));
}
