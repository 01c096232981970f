using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// A change is stored in the user's partition, but its place cannot take it (its table is gone), the client
/// gives up, and every activation is dropped. The pending-owners sweeper alone must bring the place to the
/// exact count once storage is back.
/// </summary>
public sealed class OutboxRecoveryTests
{
    [Fact]
    public async Task A_stored_but_undelivered_mark_reaches_its_place_through_the_sweeper()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var placeId = await TestData.CreatePlaceAsync(cluster.Grains);
        var userId = await TestData.CreateUserAsync(cluster.Grains);
        var placeRelations = cluster.PlaceRelationsOf(placeId);
        await placeRelations.DeleteAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IUserGrain>(userId).SetMarkAsync(placeId, MarkKind.BeenHere, true));

        var truth = new StoredTruth(cluster);
        Assert.Contains((userId, RelationKind.BeenHere, placeId), await truth.MarksAsync());
        // The change is in the user's outbox (its meta row), and its transaction's wake-up row names the user: the
        // sweeper finds that row among its bucket's rows.
        Assert.Equal(1, await truth.PendingEntriesOfAsync(userId));
        var wakeUps = await cluster.UserMarksOf(userId)
            .QueryAsync<TableEntity>(row => row.PartitionKey == UserRows.PartitionOf(userId) && row.RowKey.CompareTo("~batch|") > 0 && row.RowKey.CompareTo("~batch}") < 0)
            .ToListAsync();
        Assert.Equal(userId, Assert.Single(wakeUps).GetString("Owners"));
        Assert.Equal(1, await truth.OutboxRowsAsync());
        await RestoreAsync(placeRelations);
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(new PlaceStats(1, 0, 0), await cluster.Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
        Assert.Equal(new PlaceStats(1, 0, 0), await truth.StoredCountsAsync(placeId));

        // Once nothing is left to deliver, the wake-up row goes: the sweeper's work is done.
        await truth.WaitForOutboxSweptAsync(TimeSpan.FromSeconds(60));
        await truth.WaitForJournalEmptyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_returning_user_delivers_a_stored_but_undelivered_mark_without_waiting_for_the_sweeper()
    {
        // The sweeper's first visit is ten minutes away: only the returning user can deliver within this test.
        await using var cluster = await AtlasCluster.StartAsync(settings: new Dictionary<string, string?> { ["MarkDelivery:RetryPeriod"] = "00:10:00" });
        var placeId = await TestData.CreatePlaceAsync(cluster.Grains);
        var userId = await TestData.CreateUserAsync(cluster.Grains);
        var user = cluster.Grains.GetGrain<IUserGrain>(userId);
        var placeRelations = cluster.PlaceRelationsOf(placeId);
        await placeRelations.DeleteAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => user.SetMarkAsync(placeId, MarkKind.BeenHere, true));
        await RestoreAsync(placeRelations);
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // Any call brings the user back; it finds the change in its outbox and delivers it by itself.
        Assert.Equal(1, (await user.GetStatsAsync()).BeenHere);

        var truth = new StoredTruth(cluster);
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new PlaceStats(1, 0, 0), await truth.StoredCountsAsync(placeId));
        Assert.Equal(new PlaceStats(1, 0, 0), await cluster.Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
    }

    [Fact]
    public async Task A_user_whose_outbox_was_emptied_still_finds_a_later_undelivered_mark_when_it_comes_back()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var delivered = await TestData.CreatePlaceAsync(cluster.Grains);
        var undelivered = await TestData.CreatePlaceAsync(cluster.Grains);
        var userId = await TestData.CreateUserAsync(cluster.Grains);
        var user = cluster.Grains.GetGrain<IUserGrain>(userId);
        var truth = new StoredTruth(cluster);

        // Delivered, so its wake-up row goes at once; the confirmed entry stays in the meta row until the activation
        // goes away, which drops it.
        await user.SetMarkAsync(delivered, MarkKind.BeenHere, true);
        await truth.WaitForOutboxSweptAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await truth.PendingEntriesOfAsync(userId));
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await truth.PendingEntriesOfAsync(userId));

        // A later mark its place can't take: its transaction must store it in the outbox, with a wake-up row.
        // The place is activated before its table goes: an activation opens its bucket table once, creating it if it is
        // missing, so a place activated afresh by the mark (on a silo that never opened that table) would recreate it.
        await cluster.Grains.GetGrain<IPlaceGrain>(undelivered).GetStatsAsync();
        var placeRelations = cluster.PlaceRelationsOf(undelivered);
        await placeRelations.DeleteAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => user.SetMarkAsync(undelivered, MarkKind.BeenHere, true));
        Assert.Equal(1, await truth.PendingEntriesOfAsync(userId));
        Assert.Equal(1, await truth.OutboxRowsAsync());

        await RestoreAsync(placeRelations);
        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(new PlaceStats(1, 0, 0), await truth.StoredCountsAsync(undelivered));
        Assert.Equal(new PlaceStats(1, 0, 0), await cluster.Grains.GetGrain<IPlaceGrain>(undelivered).GetStatsAsync());
        var stats = await user.GetStatsAsync();
        Assert.Equal(2, stats.BeenHere);
    }

    /// <summary>
    /// Brings back the bucket table a test deleted. The sweeper may have brought it back already: a silo opening a
    /// bucket table for the first time creates it if it is missing.
    /// </summary>
    private static async Task RestoreAsync(TableClient table) => await table.CreateIfNotExistsAsync();
}
