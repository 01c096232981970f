using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// Which places changed since a caller last read some. Every change the index applies, facts or counts, takes the next
/// position in a ring of the last <see cref="ChangesKept"/> places changed, so a caller that read places at a stamp
/// learns which of them changed since from the few changes in between, instead of having each one looked up again: a
/// list of 1,000 places asked about with every add cost 1,000 lookups, scattered over the whole index, for the few
/// places that changed (bench/results/cpu-profile-s4.md).
/// </summary>
public sealed partial class PlaceIndex
{
    /// <summary>
    /// 65,536 changes (half a megabyte of references): a list read within the last few seconds is covered even under
    /// thousands of changes a second; a caller further behind is compared place by place, as with no stamp.
    /// </summary>
    private const int ChangesKept = 1 << 16;

    private readonly Guid _instance = Guid.NewGuid();
    private readonly string[] _changed = new string[ChangesKept];
    private long _position;

    /// <summary>
    /// This index's stamp now, and the places changed since <paramref name="since"/>; null when it can't tell (a stamp
    /// of another index, that is another silo or one before a restart; more changes since than it keeps) or when more
    /// than <paramref name="atMost"/> changed, when looking the caller's places up is the cheaper way.
    /// </summary>
    public (IndexStamp Now, HashSet<string>? Changed) ChangesSince(IndexStamp since, int atMost) => Read(() =>
    {
        var now = new IndexStamp(_instance, _position);
        var count = _position - since.Position;
        if (since.Index != _instance || count < 0 || count > Math.Min(atMost, ChangesKept))
        {
            return (now, (HashSet<string>?)null);
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var position = since.Position + 1; position <= _position; position++)
        {
            changed.Add(_changed[position % ChangesKept]);
        }

        return (now, changed);
    });

    /// <summary>Under the write lock: the place's summary was replaced.</summary>
    private void RecordChangeLocked(string placeId) => _changed[++_position % ChangesKept] = placeId;
}
