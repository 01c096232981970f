using System.Diagnostics.Metrics;
using AtlasGrains.Hosting.Telemetry;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// How place pages are answered (on the "AtlasGrains" meter): from a kept copy, by a fetch from the place, or by waiting
/// for another read's fetch of the same place; and how much the copies hold. A low share of answers from copies means
/// the places' notices drop them faster than they are read.
/// </summary>
public sealed class PlacePageMetrics
{
    private static readonly KeyValuePair<string, object?> FromCopy = new("answer", "kept");
    private static readonly KeyValuePair<string, object?> Fetched = new("answer", "fetched");
    private static readonly KeyValuePair<string, object?> Joined = new("answer", "joined");

    private readonly Counter<long> _reads;
    private readonly Counter<long> _refreshes;

    public PlacePageMetrics(IMeterFactory meters, PlacePageCache pages)
    {
        var meter = meters.Create(TelemetrySetup.AtlasMeterName);
        _reads = meter.CreateCounter<long>("atlas.place_pages.reads", "{read}",
            "Place pages answered (answer: kept, from a copy; fetched, from the place; joined, by another read's fetch).");
        _refreshes = meter.CreateCounter<long>("atlas.place_pages.refreshes", "{fetch}",
            "Copies fetched again in the background because a read found them near the end of their lifetime.");
        meter.CreateObservableGauge("atlas.place_pages.kept", () => pages.Count, "{place}", "Places whose pages the gateway keeps.");
        meter.CreateObservableGauge("atlas.place_pages.bytes", () => pages.Bytes, "By", "About the memory the kept pages hold.");
    }

    public void AnsweredFromCopy() => _reads.Add(1, FromCopy);

    public void AnsweredByFetch() => _reads.Add(1, Fetched);

    public void AnsweredByAnotherReadsFetch() => _reads.Add(1, Joined);

    public void Refreshed() => _refreshes.Add(1);
}
