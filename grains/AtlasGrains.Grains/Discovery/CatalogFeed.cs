using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// A catalog shard's change feed in memory: the most recent changes, numbered from 1 within an epoch (a new epoch
/// per activation). A reader whose position is not in the feed is told to reload from the table, then to follow from
/// the position through which the table holds the shard's changes (<see cref="Stored"/>): the feed replays to it the
/// counts the table doesn't hold yet, so the shard may store counts seldom.
/// </summary>
/// <remarks>
/// The changes sit in a ring by position, so a reader's next change is found by its number: every silo's follower
/// asks every shard four times a second, and walking up to 50,000 changes to its position each time (as a queue did)
/// showed in the silo's profile under marks.
/// </remarks>
internal sealed class CatalogFeed(int capacity)
{
    private readonly CatalogChange[] _ring = new CatalogChange[capacity];

    public Guid Epoch { get; } = Guid.NewGuid();

    public long Position { get; private set; }

    /// <summary>Every change up to this position is in the table.</summary>
    private long _storedThrough;

    /// <summary>How many changes the table may lack: those since the position the last complete flush began at.</summary>
    public long Unstored => Position - _storedThrough;

    /// <summary>The oldest position still held (1 more than the newest when nothing is).</summary>
    private long OldestKept => Math.Max(1, Position - capacity + 1);

    public void Append(PlaceSummary? place, PlaceStatsUpdate? stats)
    {
        Position++;
        _ring[Position % capacity] = new CatalogChange(Position, place, stats);
    }

    /// <summary>The table holds every change up to <paramref name="position"/> (a flush that began there succeeded).</summary>
    public void Stored(long position) => _storedThrough = Math.Max(_storedThrough, position);

    public CatalogChanges After(Guid epoch, long position, int max)
    {
        if (epoch != Epoch || position > Position || position < OldestKept - 1)
        {
            // Changes the ring no longer holds are lost to a reader only if the table lacks them too: the shard could
            // not store for as long as the ring lasts.
            return new CatalogChanges(Epoch, Math.Max(_storedThrough, OldestKept - 1), Continuous: false, []);
        }

        var changes = new CatalogChange[Math.Min(max, Position - position)];
        for (var i = 0; i < changes.Length; i++)
        {
            changes[i] = _ring[(position + 1 + i) % capacity];
        }

        return new CatalogChanges(Epoch, changes.Length > 0 ? changes[^1].Position : position, Continuous: true, changes);
    }
}
