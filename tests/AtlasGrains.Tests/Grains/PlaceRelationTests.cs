using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>The place side of exact counting: versioned changes make replays and reordering harmless.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlaceRelationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_replayed_change_counts_once()
    {
        var place = Grains.GetGrain<IPlaceGrain>(await TestData.CreatePlaceAsync(Grains));
        var change = new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 7);

        await place.ApplyRelationChangesAsync([change]);
        var stats = await place.ApplyRelationChangesAsync([change, change]);

        Assert.Equal(new PlaceStats(1, 0, 0), stats);
    }

    [Fact]
    public async Task An_older_change_arriving_late_is_ignored()
    {
        var place = Grains.GetGrain<IPlaceGrain>(await TestData.CreatePlaceAsync(Grains));
        var member = TestData.UserId();

        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.WantToGo, member, false, 2)]);
        var stats = await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.WantToGo, member, true, 1)]);

        Assert.Equal(PlaceStats.Zero, stats);
    }

    [Fact]
    public async Task Changes_in_one_batch_keep_only_the_newest_per_member()
    {
        var place = Grains.GetGrain<IPlaceGrain>(await TestData.CreatePlaceAsync(Grains));
        var member = TestData.UserId();

        var stats = await place.ApplyRelationChangesAsync(
        [
            new RelationChange(RelationKind.BeenHere, member, true, 1),
            new RelationChange(RelationKind.BeenHere, member, false, 3),
            new RelationChange(RelationKind.BeenHere, member, true, 2),
        ]);

        Assert.Equal(PlaceStats.Zero, stats);
    }

    [Fact]
    public async Task Counts_survive_a_reactivation()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1)]);

        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(new PlaceStats(1, 0, 0), await place.GetStatsAsync());
        Assert.Equal(new PlaceStats(1, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
    }

    [Fact]
    public async Task A_member_a_new_activation_takes_for_new_is_still_counted_once()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var member = TestData.UserId();
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.BeenHere, member, true, 1)]);

        // A fresh activation hasn't seen the member: its first try inserts the row, which exists, and must look again.
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.BeenHere, member, true, 1)]);
        var stats = await place.ApplyRelationChangesAsync([
            new RelationChange(RelationKind.BeenHere, member, true, 2),
            new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1)]);

        Assert.Equal(new PlaceStats(2, 0, 0), stats);
        Assert.Equal(new PlaceStats(2, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
    }

    [Fact]
    public async Task Changes_another_writer_applied_after_this_activation_loaded_reach_its_counts()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1)]);
        await place.StoreRelationChangesAsync([]);

        // What the last commit of an activation on a silo that just died looks like, landing after this one loaded:
        // a member and the counts, written together into the counts row, which keeps a quiet place's members.
        var late = new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 4);
        var relations = fixture.Cluster.PlaceRelationsOf(placeId);
        var counts = (await relations.GetEntityAsync<TableEntity>(PlaceRelationBuckets.PartitionOf(placeId), RelationKeys.Counts(placeId))).Value;
        counts["BeenHere"] = 2;
        counts[InlineMembers.Property] = counts.GetString(InlineMembers.Property) + $"bh|{late.MemberId}|1|{late.Version}\n";
        await relations.UpdateEntityAsync(counts, counts.ETag, TableUpdateMode.Replace);

        // The member's grain, never having heard back, delivers the change again: there is nothing left to write.
        await place.ApplyRelationChangesAsync([late]);

        Assert.Equal(new PlaceStats(2, 0, 0), await place.GetStatsAsync());
    }
}
