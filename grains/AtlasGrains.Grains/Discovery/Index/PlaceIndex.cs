using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// One silo's copy of every place's summary, arranged for the discovery views: geography, latest, popular,
/// tags, countries, uniform random draws and full-text search. Filled from the catalog table at start-up and
/// kept current from the catalog shards' change feeds by <see cref="IndexFollower"/>. Changes are applied in
/// batches under a write lock; views read under a read lock.
/// </summary>
public sealed partial class PlaceIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, PlaceSummary> _places = [];
    private readonly Dictionary<string, PlaceStats> _statsBeforeFacts = [];
    private readonly GeoGrid _geo = new();
    private readonly RankedPlaces _latest = new();
    private readonly RankedPlaces _popular = new();
    private readonly Dictionary<string, RankedPlaces> _tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Countries _countries = new();
    private readonly List<string> _ids = [];
    private readonly PlaceSearch _search = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every shard was loaded from the table at least once.</summary>
    public Task Loaded => _loaded.Task;

    public int Count => Read(() => _places.Count);

    internal void MarkLoaded() => _loaded.TrySetResult();

    /// <summary>Applies changes in order: newer facts replace older ones, counts replace counts.</summary>
    internal void Apply(IEnumerable<CatalogChange> changes)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var change in changes)
            {
                if (change.Place is { } place)
                {
                    PutLocked(place);
                }
                else if (change.Stats is { } stats)
                {
                    SetStatsLocked(stats.PlaceId, stats.Stats);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _search.Refresh();
    }

    /// <summary>
    /// Takes places as read from the catalog table. Their counts are taken only for places not known yet: for the
    /// others the index is as fresh as the table or fresher (the shard stores counts a little after announcing them).
    /// </summary>
    internal void Load(IEnumerable<PlaceSummary> places)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var place in places)
            {
                PutLocked(_places.TryGetValue(place.Id, out var known) ? place with { Stats = known.Stats } : place);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _search.Refresh();
    }

    public void Dispose()
    {
        _search.Dispose();
        _lock.Dispose();
    }

    private void PutLocked(PlaceSummary incoming)
    {
        if (_places.TryGetValue(incoming.Id, out var current))
        {
            if (current.UpdatedAt > incoming.UpdatedAt)
            {
                return;
            }

            Unindex(current);
        }
        else
        {
            _ids.Add(incoming.Id);
        }

        if (_statsBeforeFacts.Remove(incoming.Id, out var stats))
        {
            incoming = incoming with { Stats = stats };
        }

        Index(incoming);
        _search.Put(incoming);
        RecordChangeLocked(incoming.Id);
    }

    private void SetStatsLocked(string placeId, PlaceStats stats)
    {
        if (!_places.TryGetValue(placeId, out var current))
        {
            // Counts can overtake the facts of a place that is still on its way; they wait for them.
            _statsBeforeFacts[placeId] = stats;
            return;
        }

        if (current.Stats == stats)
        {
            return;
        }

        // Counts change with every mark, and only the popularity orders depend on them: the places' map, geography,
        // latest order and search stay as they are (under uniform marks, re-indexing all of it was a few percent of
        // the silo's CPU, bench/results/cpu-profile-s2.md).
        var updated = current with { Stats = stats };
        _places[placeId] = updated;
        if (updated.Popularity != current.Popularity)
        {
            Rerank(current, updated.Popularity);
        }

        RecordChangeLocked(placeId);
    }

    /// <summary>Moves a place within every order by popularity: all places, its country's and its tags'.</summary>
    private void Rerank(PlaceSummary place, long popularity)
    {
        _popular.Move(place.Popularity, popularity, place.Id);
        _countries.PlacesOf(place.Country)?.Move(place.Popularity, popularity, place.Id);
        foreach (var tag in DistinctTags(place))
        {
            _tags.GetValueOrDefault(tag)?.Move(place.Popularity, popularity, place.Id);
        }
    }

    private void Index(PlaceSummary place)
    {
        _places[place.Id] = place;
        _geo.Add(place.Id, place.Location);
        _latest.Add(place.PublishedAt.UtcTicks, place.Id);
        _popular.Add(place.Popularity, place.Id);
        _countries.Add(place);
        foreach (var tag in DistinctTags(place))
        {
            if (!_tags.TryGetValue(tag, out var tagged))
            {
                _tags[tag] = tagged = new RankedPlaces();
            }

            tagged.Add(place.Popularity, place.Id);
        }
    }

    private void Unindex(PlaceSummary place)
    {
        _geo.Remove(place.Id, place.Location);
        _latest.Remove(place.PublishedAt.UtcTicks, place.Id);
        _popular.Remove(place.Popularity, place.Id);
        _countries.Remove(place);
        foreach (var tag in DistinctTags(place))
        {
            if (_tags.TryGetValue(tag, out var tagged))
            {
                tagged.Remove(place.Popularity, place.Id);
                if (tagged.Count == 0)
                {
                    _tags.Remove(tag);
                }
            }
        }
    }

    private static IEnumerable<string> DistinctTags(PlaceSummary place) =>
        place.Tags.Select(tag => tag.Trim()).Where(tag => tag.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
