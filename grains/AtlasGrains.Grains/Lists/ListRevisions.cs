using AtlasGrains.Abstractions.Lists;

namespace AtlasGrains.Grains.Lists;

/// <summary>
/// Counts an activation's changes to a list's items and their order, and remembers since when they were only adds: a
/// caller holding the contents of a revision since then holds a prefix of the current items, so it is sent only the
/// rest. Every add to a list answers with the whole list (API.md); at 1,000 items that made each add send 1,000 items.
/// </summary>
/// <remarks>
/// The numbers live in memory, under a new <see cref="Guid"/> per activation: they need no storage, and a revision
/// from another activation (or from before a reload, which starts a new run of adds) simply gets everything.
/// </remarks>
internal sealed class ListRevisions
{
    private readonly Guid _activation = Guid.NewGuid();
    private long _number;
    private long _addsSince;
    private int _countAtAddsSince;

    public ListRevision Current => new(_activation, _number);

    /// <summary>One item was added at the end, and nothing else changed.</summary>
    public void Added() => _number++;

    /// <summary>Anything else changed (a removal, a note, the order, a reload); the list now holds <paramref name="count"/> items.</summary>
    public void Changed(int count)
    {
        _number++;
        _addsSince = _number;
        _countAtAddsSince = count;
    }

    /// <summary>How many of the current items, from the first, a caller holding <paramref name="held"/> holds already.</summary>
    public int KeptItemCount(ListRevision held) =>
        held.Activation == _activation && held.Number >= _addsSince && held.Number <= _number
            ? _countAtAddsSince + (int)(held.Number - _addsSince)
            : 0;
}
