using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>A hot place's shards pack their members into chunk rows; the counts stay exact and every member is kept once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlaceShardPackingTests(ClusterFixture fixture)
{
    /// <summary>Enough that every shard fills a chunk and starts another.</summary>
    private const int Members = 3 * MemberChunks.PerChunk + 150;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_hot_place_packs_its_new_members_into_chunks_and_keeps_each_once_through_unmarks_replays_and_a_reactivation()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var members = Enumerable.Range(0, Members).Select(_ => TestData.UserId()).ToArray();
        foreach (var batch in members.Chunk(RelationLedger.MaxChangesPerCommit))
        {
            await place.ApplyRelationChangesAsync([.. batch.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        }

        var unmarked = members.Where((_, i) => i % 7 == 0).ToArray();
        await place.ApplyRelationChangesAsync([.. unmarked.Select(member => new RelationChange(RelationKind.BeenHere, member, false, 2))]);
        var replayed = await place.ApplyRelationChangesAsync([.. members[..50].Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        var expected = new PlaceStats(Members - unmarked.Length, 0, 0);
        Assert.Equal(expected, replayed);

        var shardRows = (await fixture.Cluster.PlaceRelationsOf(placeId).QueryAsync<TableEntity>().ToListAsync())
            .Where(row => RelationKeys.ScopeOf(row.RowKey) is { } scope && scope != placeId && RelationShards.OwnerOf(scope) == placeId).ToList();
        Assert.DoesNotContain(shardRows, row => row.RowKey.StartsWith(RelationKeys.AnyRelationPrefix, StringComparison.Ordinal));
        var chunks = shardRows.Where(row => MemberChunks.IsRow(row.RowKey)).ToList();
        Assert.All(chunks, chunk => Assert.InRange(MemberChunks.Parse(chunk).Count(), 1, MemberChunks.PerChunk));
        var packed = chunks.SelectMany(MemberChunks.Parse).ToList();
        Assert.Equal(Members, packed.Select(member => member.MemberId).Distinct().Count());
        Assert.Equal(packed.Count, packed.Select(member => member.MemberId).Distinct().Count());
        Assert.Equal(unmarked.Order(), packed.Where(member => !member.Present).Select(member => member.MemberId).Order());
        Assert.True(chunks.Count > RelationShards.PerPlace - 1, $"{Members} members filled only {chunks.Count} chunks.");

        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // A new activation reads the chunks back: the members it holds are no news, the unmarked ones come back once.
        Assert.Equal(expected, await place.GetStatsAsync());
        Assert.Equal(expected, await place.ApplyRelationChangesAsync([.. members[..50].Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]));
        var back = await place.ApplyRelationChangesAsync([.. unmarked.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 3))]);
        Assert.Equal(new PlaceStats(Members, 0, 0), back);
        Assert.Equal(new PlaceStats(Members, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
        Assert.Equal(new PlaceStats(Members, 0, 0), await place.RecountAsync());
    }

    [Fact]
    public async Task Pages_of_the_lists_holding_a_hot_place_merge_its_packed_shards_in_order()
    {
        var place = Grains.GetGrain<IPlaceGrain>(await TestData.CreatePlaceAsync(Grains));
        var lists = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var batch in lists.Chunk(50))
        {
            await place.ApplyRelationChangesAsync([.. batch.Select(list => new RelationChange(RelationKind.List, list, true, 1))]);
        }

        var removed = lists.Where((_, i) => i % 5 == 0).ToHashSet();
        await place.ApplyRelationChangesAsync([.. removed.Select(list => new RelationChange(RelationKind.List, list, false, 2))]);

        var seen = await PlaceListPages.AllAsync(place, 17);
        Assert.Equal(lists.Where(list => !removed.Contains(list)).Order(StringComparer.Ordinal), seen);
        var holding = await place.GetHoldingMembersAsync(RelationKind.List, [.. lists[..10]]);
        Assert.Equal(lists[..10].Where(list => !removed.Contains(list)), holding);
    }
}
