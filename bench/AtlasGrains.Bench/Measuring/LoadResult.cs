using HdrHistogram;

namespace AtlasGrains.Bench.Measuring;

/// <summary>What one load run achieved: successful answers per second and the latency of each (in microseconds).</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, HistogramBase Microseconds)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Every answered request of an open loop, by intended send time; empty for a closed loop.</summary>
    public IReadOnlyList<TimedRequest> Timeline { get; init; } = [];

    public double PercentileMs(double percent) =>
        Microseconds.TotalCount == 0 ? double.NaN : Microseconds.GetValueAtPercentile(percent) / 1000.0;

    /// <summary>Latencies from 1 µs to a minute, in microseconds, 3 significant digits; safe to record from many threads.</summary>
    public static HistogramBase NewHistogram() => new LongConcurrentHistogram(1, 60_000_000, 3);

    public static void Record(HistogramBase histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, histogram.HighestTrackableValue));
}

/// <summary>One answered request: when it was due to go out (UTC) and how long it took from then.</summary>
internal readonly record struct TimedRequest(DateTime IntendedUtc, TimeSpan Latency)
{
    public DateTime AnsweredUtc => IntendedUtc + Latency;
}
