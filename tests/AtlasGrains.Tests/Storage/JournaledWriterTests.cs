using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Storage;

/// <summary>
/// A quiet place keeps changes in the places' journal before its counts row. When another activation of the place (a
/// stale one, or one whose silo is leaving) writes that row meanwhile, whatever the first one writes next finds its view
/// stale and reloads: the changes it had in the journal only must come back with it, not wait for the sweeper.
/// </summary>
public sealed class JournaledWriterTests
{
    [Fact]
    public async Task A_writer_that_opens_its_shards_on_a_stale_view_keeps_the_changes_it_had_in_the_journal_only()
    {
        var table = await PlaceLedgers.NewTableAsync();
        var placeId = $"journaled{Guid.NewGuid():N}";
        var stale = PlaceLedgers.New(table, placeId, journals: true);
        var other = PlaceLedgers.New(table, placeId, journals: true);
        await Task.WhenAll(stale.LoadAsync(), other.LoadAsync());

        await stale.CommitAsync(PlaceLedgers.FirstMarks(3));
        Assert.True(stale.HasUnstored);
        await other.CommitAsync(PlaceLedgers.FirstMarks(1), storeNow: true);

        // A batch this large makes the place hot: opening its shards writes the counts row, on a stale view.
        await stale.CommitAsync(PlaceLedgers.FirstMarks(40));

        Assert.Equal(3 + 1 + 40, stale.Counts.BeenHere);
        await stale.StoreJournaledAsync();
        var reader = PlaceLedgers.New(table, placeId);
        await reader.LoadAsync();
        Assert.Equal(3 + 1 + 40, reader.Counts.BeenHere);
    }
}
