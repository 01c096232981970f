using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>A hot place spreads new members over shard partitions; its counts are the exact sum, whatever happens.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlaceShardTests(ClusterFixture fixture)
{
    private const int Members = 60;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_quiet_place_keeps_every_member_in_its_own_partition()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        foreach (var member in Enumerable.Range(0, 5).Select(_ => TestData.UserId()))
        {
            await place.ApplyRelationChangesAsync([new RelationChange(RelationKind.WantToGo, member, true, 1)]);
        }

        await place.StoreRelationChangesAsync([]);
        Assert.Equal([placeId], await PartitionsAsync(placeId));
        Assert.Equal(new PlaceStats(0, 5, 0), await place.GetStatsAsync());
    }

    [Fact]
    public async Task Members_already_in_the_base_partition_stay_there_when_the_place_turns_hot()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var early = Enumerable.Range(0, 10).Select(_ => TestData.UserId()).ToArray();
        await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);

        await place.ApplyRelationChangesAsync([.. Enumerable.Range(0, Members).Select(_ => new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1))]);
        var stats = await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, false, 2))]);

        Assert.Equal(new PlaceStats(Members, 0, 0), stats);
        await place.StoreRelationChangesAsync([]);
        var (baseRows, inline) = await BaseMembersAsync(placeId);
        Assert.Equal(early.Length, baseRows.Count(row => row.GetBoolean("Present") == false) + inline.Count(member => !member.Present));
        Assert.Equal(new PlaceStats(Members, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
    }

    [Fact]
    public async Task Base_members_the_activation_never_saw_come_back_to_the_base_partition_once_the_shards_are_open()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var early = Enumerable.Range(0, 10).Select(_ => TestData.UserId()).ToArray();
        await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, false, 2))]);
        await place.ApplyRelationChangesAsync([.. Enumerable.Range(0, Members).Select(_ => new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1))]);
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // A fresh activation, shards open: the early members' marks are new to it, but their rows are in the base.
        var marked = await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 3))]);
        var unmarked = await place.ApplyRelationChangesAsync([.. early.Select(member => new RelationChange(RelationKind.BeenHere, member, false, 4))]);

        Assert.Equal(new PlaceStats(Members + early.Length, 0, 0), marked);
        Assert.Equal(new PlaceStats(Members, 0, 0), unmarked);
        await place.StoreRelationChangesAsync([]);
        // Each early member is stored once, in the base partition: among the members its counts row keeps, or in a row there.
        var rows = await fixture.Cluster.PlaceRelationsOf(placeId).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        var (_, inline) = await BaseMembersAsync(placeId);
        Assert.All(early, member => Assert.Equal(
            [placeId],
            rows.Where(row => row.RowKey.EndsWith("|" + member, StringComparison.Ordinal)).Select(row => RelationKeys.ScopeOf(row.RowKey))
                .Concat(inline.Where(kept => kept.MemberId == member).Select(_ => placeId))));
        Assert.Equal(new PlaceStats(Members, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
    }

    [Fact]
    public async Task Members_spread_over_shards_and_the_counts_stay_exact_through_replays_unmarks_and_a_reactivation()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var members = Enumerable.Range(0, Members).Select(_ => TestData.UserId()).ToArray();
        var marks = members.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1)).ToArray();

        await place.ApplyRelationChangesAsync(marks);
        await place.ApplyRelationChangesAsync(marks[..10]);
        var stats = await place.ApplyRelationChangesAsync([.. members[..15].Select(member => new RelationChange(RelationKind.BeenHere, member, false, 2))]);

        Assert.Equal(new PlaceStats(Members - 15, 0, 0), stats);
        var partitions = await PartitionsAsync(placeId);
        Assert.True(partitions.Count > RelationShards.PerPlace / 2, $"{Members} members landed in only {partitions.Count} shards.");

        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(new PlaceStats(Members - 15, 0, 0), await place.GetStatsAsync());
        Assert.Equal(new PlaceStats(Members - 15, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
        Assert.Equal(new PlaceStats(Members - 15, 0, 0), await place.RecountAsync());
    }

    [Fact]
    public async Task Pages_of_the_lists_holding_a_place_merge_every_shard_in_order()
    {
        var place = Grains.GetGrain<IPlaceGrain>(await TestData.CreatePlaceAsync(Grains));
        var lists = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        await place.ApplyRelationChangesAsync([.. lists.Select(list => new RelationChange(RelationKind.List, list, true, 1))]);

        var seen = await PlaceListPages.AllAsync(place, 7);
        Assert.Equal(lists.Order(StringComparer.Ordinal), seen);
    }

    /// <summary>
    /// The members the base partition stores: its relation rows, and those its counts row keeps (<see cref="InlineMembers"/>),
    /// which hold the journal's changes once the place stored them.
    /// </summary>
    private async Task<(List<TableEntity> Rows, List<(RelationKind Kind, string MemberId, bool Present, long Version)> Inline)> BaseMembersAsync(string placeId)
    {
        var (counts, rows) = await new StoredTruth(fixture.Cluster).PlaceBaseAsync(placeId);
        return (rows, [.. InlineMembers.Parse(counts.GetString(InlineMembers.Property))]);
    }

    /// <summary>The place's shards that hold rows (each row key names its shard, whichever partition stores it).</summary>
    private async Task<List<string>> PartitionsAsync(string placeId) =>
        (await fixture.Cluster.PlaceRelationsOf(placeId).QueryAsync<TableEntity>(select: ["RowKey"]).ToListAsync())
            .Select(row => RelationKeys.ScopeOf(row.RowKey)).OfType<string>().Where(scope => RelationShards.OwnerOf(scope) == placeId).Distinct().ToList();
}
