using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// The changes a base shard stored in the places' journal only (<see cref="PlaceJournalRow"/>), not yet in its counts row,
/// with its claims on the journal rows that hold them: every write of the counts row stores them and releases the claims.
/// </summary>
internal sealed partial class RelationShard
{
    private List<RelationChange>? _unstored;
    private List<WakeUpClaim>? _claims;

    /// <summary>True while changes are stored in the journal only: <see cref="StoreAsync"/> writes them into the counts row.</summary>
    public bool HasUnstored => _claims is { Count: > 0 };

    /// <summary>
    /// Writes the counts row holding the changes stored in the journal only so far, and releases their journal rows. Throws
    /// a stale-view error when another writer wrote the row meanwhile: the caller takes them (<see cref="TakeUnstored"/>),
    /// reloads and applies them again.
    /// </summary>
    public async Task StoreAsync()
    {
        if (HasUnstored)
        {
            await WriteCountsAsync(Counts, OpenShards);
        }
    }

    /// <summary>The changes stored in the journal only, and their claims, which the caller releases once it stored them again.</summary>
    public (List<RelationChange> Changes, List<WakeUpClaim> Claims) TakeUnstored()
    {
        var taken = (_unstored ?? [], _claims ?? []);
        DropUnstored();
        return taken;
    }

    private void Journaled(IEnumerable<RelationChange> changes, WakeUpClaim claim)
    {
        (_unstored ??= []).AddRange(changes);
        (_claims ??= []).Add(claim);
    }

    /// <summary>The counts row now holds them: their journal rows can go.</summary>
    private void StoredAll()
    {
        _claims?.ForEach(claim => claim.Release());
        DropUnstored();
    }

    /// <summary>Forgets them without releasing their journal rows, which then stay until the sweeper replays them.</summary>
    private void DropUnstored() => (_unstored, _claims) = (null, null);
}
