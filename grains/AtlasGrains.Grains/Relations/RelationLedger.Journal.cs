using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// The base shard's changes stored in the places' journal only (<see cref="PlaceJournalRow"/>): written into its counts
/// row later, or stored again on what storage holds when another writer got there first.
/// </summary>
internal sealed partial class RelationLedger
{
    /// <summary>True while changes are stored in the journal and not yet in the counts row (<see cref="StoreJournaledAsync"/>).</summary>
    public bool HasUnstored => Base.HasUnstored;

    /// <summary>
    /// Writes the counts row holding every change stored in the journal only, so that the journal rows can go. If another
    /// writer wrote the row meanwhile, applies them again on what it holds.
    /// </summary>
    public async Task StoreJournaledAsync()
    {
        try
        {
            await Base.StoreAsync();
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await ReloadAsync();
        }
    }

    /// <summary>Reloads, then stores again the changes this activation had stored in the journal only, on what storage holds.</summary>
    private async Task ReloadAsync()
    {
        var (unstored, claims) = Base.TakeUnstored();
        await LoadAsync();
        if (unstored.Count > 0)
        {
            await CommitAsync(unstored, storeNow: true);
            claims.ForEach(claim => claim.Release());
        }
    }
}
