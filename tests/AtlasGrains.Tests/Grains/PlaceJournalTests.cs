using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A quiet place stores its changes in its bucket's journal row (<see cref="PlaceJournalRow"/>) and its counts row later;
/// the journal row is the durable truth until then, and whatever happens the counts row ends up holding every change once.
/// </summary>
public sealed class PlaceJournalTests
{
    /// <summary>Neither the place's own store nor the sweeper comes within a test, unless the test makes it.</summary>
    private static readonly Dictionary<string, string?> NothingStoresByItself = new()
    {
        ["PlaceJournal:StoreDelay"] = "00:10:00",
        ["MarkDelivery:RetryPeriod"] = "00:10:00",
    };

    [Fact]
    public async Task Changes_wait_in_the_journal_and_the_counts_row_takes_them_all_in_one_write_when_the_place_deactivates()
    {
        await using var cluster = await AtlasCluster.StartAsync(settings: NothingStoresByItself);
        var placeId = await TestData.CreatePlaceAsync(cluster.Grains);
        var place = cluster.Grains.GetGrain<IPlaceGrain>(placeId);
        var members = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestData.CreateUserAsync(cluster.Grains)));
        foreach (var member in members)
        {
            await cluster.Grains.GetGrain<IUserGrain>(member).SetMarkAsync(placeId, MarkKind.BeenHere, true);
        }

        await cluster.Grains.GetGrain<IUserGrain>(members[0]).SetMarkAsync(placeId, MarkKind.BeenHere, false);

        Assert.Equal(new PlaceStats(2, 0, 0), await place.GetStatsAsync());
        Assert.Null(await CountsRowAsync(cluster, placeId));
        Assert.Equal(4, (await JournalLinesAsync(cluster, placeId)).Count);
        var truth = new StoredTruth(cluster);
        Assert.Equal(new PlaceStats(2, 0, 0), await truth.StoredCountsAsync(placeId));
        Assert.Empty((await new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix).RunAsync()).Drifted);

        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var counts = await CountsRowAsync(cluster, placeId);
        Assert.Equal(2, counts?.GetInt32("BeenHere"));
        Assert.Contains(InlineMembers.Parse(counts!.GetString(InlineMembers.Property)), kept => kept is { Present: false } && kept.MemberId == members[0]);
        await truth.WaitForOutboxSweptAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new PlaceStats(2, 0, 0), await place.GetStatsAsync());
    }

    [Fact]
    public async Task A_journal_row_a_crash_left_is_replayed_to_its_place_by_the_sweeper_and_counts_once()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var placeId = await TestData.CreatePlaceAsync(cluster.Grains);
        var place = cluster.Grains.GetGrain<IPlaceGrain>(placeId);
        var (marked, lost) = (TestData.UserId(), TestData.UserId());
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.WantToGo, marked, true, 1)]);
        var truth = new StoredTruth(cluster);
        await truth.WaitForOutboxSweptAsync(TimeSpan.FromSeconds(30));

        // What an activation on a silo that died leaves: its last commit's lines, one already in the counts row, one not.
        var lines = PlaceJournalRow.Lines(placeId, [new RelationChange(RelationKind.WantToGo, marked, true, 1), new RelationChange(RelationKind.WantToGo, lost, true, 1)]);
        await cluster.PlaceRelationsOf(placeId).AddEntityAsync(PlaceJournalRow.New(PlaceRelationBuckets.PartitionOf(placeId), lines));
        Assert.Equal(new PlaceStats(0, 2, 0), await truth.StoredCountsAsync(placeId));

        await truth.WaitForJournalEmptyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, (await CountsRowAsync(cluster, placeId))?.GetInt32("WantToGo"));
        Assert.Equal(new PlaceStats(0, 2, 0), await place.GetStatsAsync());
    }

    [Fact]
    public async Task Changes_held_in_the_journal_are_applied_again_on_what_another_writer_stored_meanwhile()
    {
        await using var cluster = await AtlasCluster.StartAsync(settings: NothingStoresByItself);
        var placeId = await TestData.CreatePlaceAsync(cluster.Grains);
        var place = cluster.Grains.GetGrain<IPlaceGrain>(placeId);
        var (ours, theirs) = (TestData.UserId(), TestData.UserId());
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.BeenHere, ours, true, 1)]);

        // Another activation of the place (a membership change) stored its own member meanwhile.
        var counts = new TableEntity(PlaceRelationBuckets.PartitionOf(placeId), RelationKeys.Counts(placeId))
        {
            ["BeenHere"] = 1,
            [InlineMembers.Property] = $"bh|{theirs}|1|1\n",
        };
        await cluster.PlaceRelationsOf(placeId).AddEntityAsync(counts);

        await place.StoreRelationChangesAsync([]);

        var stored = await CountsRowAsync(cluster, placeId);
        Assert.Equal(2, stored?.GetInt32("BeenHere"));
        Assert.Equal(new[] { ours, theirs }.Order(), InlineMembers.Parse(stored!.GetString(InlineMembers.Property)).Select(kept => kept.MemberId).Order());
        Assert.Equal(new PlaceStats(2, 0, 0), await place.GetStatsAsync());
        await new StoredTruth(cluster).WaitForOutboxSweptAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<TableEntity?> CountsRowAsync(AtlasCluster cluster, string placeId)
    {
        var row = await cluster.PlaceRelationsOf(placeId).GetEntityIfExistsAsync<TableEntity>(PlaceRelationBuckets.PartitionOf(placeId), RelationKeys.Counts(placeId));
        return row.HasValue ? row.Value : null;
    }

    private static async Task<List<RelationChange>> JournalLinesAsync(AtlasCluster cluster, string placeId) =>
        (await cluster.PlaceRelationsOf(placeId).QueryAsync<TableEntity>(row => row.PartitionKey == PlaceRelationBuckets.PartitionOf(placeId)).ToListAsync())
            .Where(row => PlaceJournalRow.IsRow(row.RowKey))
            .SelectMany(PlaceJournalRow.Parse)
            .Where(line => line.PlaceId == placeId)
            .Select(line => line.Change)
            .ToList();
}
