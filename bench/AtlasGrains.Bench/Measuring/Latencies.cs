namespace AtlasGrains.Bench.Measuring;

/// <summary>Every latency of one scenario, kept whole (a few thousand values), so percentiles are exact.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>The latency below which <paramref name="percent"/>% of the requests finished (nearest rank).</summary>
    public double Percentile(double percent)
    {
        lock (_milliseconds)
        {
            var sorted = _milliseconds.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }
}
