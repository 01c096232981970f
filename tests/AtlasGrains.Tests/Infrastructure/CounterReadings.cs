using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// Sums one counter's measurements by the value of one of its tags, as an exporter would see them. Given a meter
/// factory, only the instruments it made (one gateway's, not another's in the same process); else every meter's.
/// </summary>
public sealed class CounterReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byTag = new();

    public CounterReadings(string counter, string tag, IMeterFactory? madeBy = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == counter && (madeBy is null || ReferenceEquals(instrument.Meter.Scope, madeBy)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var pair in tags)
            {
                if (pair.Key == tag)
                {
                    _byTag.AddOrUpdate((string)pair.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of the measurements whose tag had this value.</summary>
    public long Of(string tagValue) => _byTag.GetValueOrDefault(tagValue);

    public void Dispose() => _listener.Dispose();
}
