using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>The discovery views, read from the index.</summary>
public sealed partial class PlaceIndex
{
    /// <summary>Radii tried in turn for "nearest" without a radius: small first, where most answers are.</summary>
    private static readonly double[] GrowingRadiiKm = [25, 100, 400, 1600, 6400, GreatCircle.MaxDistanceKm];

    public NearbyPlace[] Nearest(GeoLocation center, double? radiusKm, int limit, string? excludeId) => Read(() =>
    {
        foreach (var radius in radiusKm is { } fixedRadius ? new[] { fixedRadius } : GrowingRadiiKm)
        {
            var found = _geo.Within(center, radius).Where(hit => hit.Id != excludeId).ToList();
            if (found.Count >= limit || radius == radiusKm || radius >= GreatCircle.MaxDistanceKm)
            {
                // Everything within the radius is here, and everything else is farther: the nearest are among these.
                return found.OrderBy(hit => hit.DistanceKm).ThenBy(hit => hit.Id, StringComparer.Ordinal)
                    .Take(limit).Select(hit => new NearbyPlace(_places[hit.Id], hit.DistanceKm)).ToArray();
            }
        }

        return [];
    });

    public PlaceSummary[] Related(string placeId, string[] tags, int limit) => Read(() =>
    {
        var shared = new Dictionary<string, int>();
        foreach (var tag in tags.Select(tag => tag.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var (_, id) in _tags.GetValueOrDefault(tag)?.InOrder ?? [])
            {
                if (id != placeId)
                {
                    shared[id] = shared.GetValueOrDefault(id) + 1;
                }
            }
        }

        return shared.Select(entry => (Place: _places[entry.Key], Shared: entry.Value))
            .OrderByDescending(entry => entry.Shared)
            .ThenByDescending(entry => entry.Place.Popularity)
            .ThenBy(entry => entry.Place.Id, StringComparer.Ordinal)
            .Take(limit).Select(entry => entry.Place).ToArray();
    });

    public PlaceSlice Browse(PlaceOrder order, PagePosition? after, int limit) =>
        Read(() => Slice(order == PlaceOrder.Latest ? _latest : _popular, after, limit));

    public PlaceSlice? Tagged(string tag, PagePosition? after, int limit) =>
        Read(() => _tags.TryGetValue(tag.Trim(), out var tagged) ? Slice(tagged, after, limit) : null);

    public Destination[] Destinations() => Read(_countries.All);

    public DestinationPage? Destination(string country, PagePosition? after, int limit) => Read(() =>
        _countries.Find(country) is { } destination
            ? new DestinationPage(destination, Slice(_countries.PlacesOf(country)!, after, limit))
            : null);

    /// <summary>These places' summaries in the order asked, null for a place the index doesn't know (yet).</summary>
    public PlaceSummary?[] Find(string[] placeIds) =>
        Read(() => Array.ConvertAll(placeIds, id => _places.GetValueOrDefault(id)));

    /// <summary>
    /// Whether the index holds the place: then it exists, since places are never deleted. False says nothing: the
    /// place may be too new for the index, the index not loaded yet, or busy. Never waits: a mark asks it, and asking
    /// the place is quicker than waiting for a reload to let go of the index.
    /// </summary>
    public bool Knows(string placeId)
    {
        if (!_lock.TryEnterReadLock(0))
        {
            return false;
        }

        try
        {
            return _places.ContainsKey(placeId);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public string? RandomId() => Read(() => _ids.Count == 0 ? null : _ids[Random.Shared.Next(_ids.Count)]);

    public PlaceSummary[] Search(string query, int limit)
    {
        var ids = _search.Search(query, limit);
        return Read(() => ids.Select(id => _places.GetValueOrDefault(id)).OfType<PlaceSummary>().ToArray());
    }

    private PlaceSlice Slice(RankedPlaces ranked, PagePosition? after, int limit)
    {
        var (page, more) = ranked.Page(after, limit);
        var next = more ? new PagePosition(page[^1].Key, page[^1].Id) : null;
        return new PlaceSlice([.. page.Select(entry => _places[entry.Id])], next);
    }
}
