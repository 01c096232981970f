using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// Counts one gateway's "atlas.place_pages.reads" by answer (kept, fetched, joined), as an exporter would see them:
/// the gateway's meters are made by its own <see cref="IMeterFactory"/>, which tells it from other gateways in the process.
/// </summary>
public sealed class PlacePageReads : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byAnswer = new();

    public PlacePageReads(IMeterFactory gatewayMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "atlas.place_pages.reads" && ReferenceEquals(instrument.Meter.Scope, gatewayMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "answer")
                {
                    _byAnswer.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public long Answered(string answer) => _byAnswer.GetValueOrDefault(answer);

    public void Dispose() => _listener.Dispose();
}
