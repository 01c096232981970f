using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Discovery.Index;

namespace AtlasGrains.Tests.Discovery;

/// <summary>Builds summaries and a loaded <see cref="PlaceIndex"/> for tests of the index on its own.</summary>
internal static class IndexedPlaces
{
    public static PlaceSummary Place(
        string id, double latitude = 0, double longitude = 0, string name = "", string country = "Nowhere",
        string[]? tags = null, int beenHere = 0, string subtitle = "", string city = "", DateTimeOffset? publishedAt = null) =>
        new(id, name.Length > 0 ? name : id, subtitle, city, country, "Continent", new GeoLocation(latitude, longitude), tags ?? [],
            publishedAt ?? DateTimeOffset.UnixEpoch, publishedAt ?? DateTimeOffset.UnixEpoch, new PlaceStats(beenHere, 0, 0));

    public static PlaceIndex With(params PlaceSummary[] places)
    {
        var index = new PlaceIndex();
        index.Load(places);
        index.MarkLoaded();
        return index;
    }
}
