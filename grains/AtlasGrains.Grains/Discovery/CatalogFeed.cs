using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// A catalog shard's change feed in memory: the most recent changes, numbered from 1 within an epoch (a new epoch
/// per activation). A reader whose position is not in the feed is told to reload from the table.
/// </summary>
internal sealed class CatalogFeed(int capacity)
{
    private readonly Queue<CatalogChange> _changes = new();

    public Guid Epoch { get; } = Guid.NewGuid();

    public long Position { get; private set; }

    public void Append(PlaceSummary? place, PlaceStatsUpdate? stats)
    {
        _changes.Enqueue(new CatalogChange(++Position, place, stats));
        if (_changes.Count > capacity)
        {
            _changes.Dequeue();
        }
    }

    public CatalogChanges After(Guid epoch, long position, int max)
    {
        var oldestKept = _changes.TryPeek(out var oldest) ? oldest.Position : Position + 1;
        if (epoch != Epoch || position > Position || position < oldestKept - 1)
        {
            return new CatalogChanges(Epoch, Position, Continuous: false, []);
        }

        var changes = _changes.SkipWhile(change => change.Position <= position).Take(max).ToArray();
        return new CatalogChanges(Epoch, changes.Length > 0 ? changes[^1].Position : position, Continuous: true, changes);
    }
}
