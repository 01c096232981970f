using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A quiet place keeps its first members in its base counts row (<see cref="InlineMembers"/>) and the rest in rows;
/// wherever a member is, a replay counts once, a reload reads it back, and the stored counts equal the present members.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlaceInlineMembersTests(ClusterFixture fixture)
{
    private const int PastInline = 5;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_first_members_live_in_the_counts_row_the_rest_in_rows_and_replays_count_once_either_way()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var members = Enumerable.Range(0, InlineMembers.Max + PastInline).Select(_ => TestData.UserId()).ToArray();
        // Ten at a time: a commit of 32 changes would take the place for hot and open its shards.
        foreach (var chunk in members.Chunk(10))
        {
            await place.ApplyRelationChangesAsync([.. chunk.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        }

        var (counts, rows) = await StoredAsync(placeId);
        Assert.Equal(members[..InlineMembers.Max].Order(), InlineMembers.Parse(counts.GetString(InlineMembers.Property)).Select(kept => kept.MemberId).Order());
        Assert.True(counts.GetBoolean(InlineMembers.HasRowsProperty));
        Assert.Equal(members[InlineMembers.Max..].Order(), rows.Select(row => RelationKeys.Parse(row.RowKey, placeId)!.Value.MemberId).Order());

        // A fresh activation has seen none of them: every replay is taken for a first mark, and must find it stored.
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        foreach (var chunk in members.Chunk(10))
        {
            await place.ApplyRelationChangesAsync([.. chunk.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        }

        Assert.Equal(new PlaceStats(members.Length, 0, 0), await place.GetStatsAsync());

        // Unmarks of a member kept in the counts row and of one in a row; then a reload.
        var (kept, inRow) = (members[0], members[^1]);
        var stats = await place.ApplyRelationChangesAsync([
            new RelationChange(RelationKind.BeenHere, kept, false, 2),
            new RelationChange(RelationKind.BeenHere, inRow, false, 2)]);
        Assert.Equal(new PlaceStats(members.Length - 2, 0, 0), stats);
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(new PlaceStats(members.Length - 2, 0, 0), await place.GetStatsAsync());
        Assert.Equal(new PlaceStats(members.Length - 2, 0, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
        Assert.Equal(new PlaceStats(members.Length - 2, 0, 0), await place.ApplyRelationChangesAsync([
            new RelationChange(RelationKind.BeenHere, kept, true, 1),
            new RelationChange(RelationKind.BeenHere, inRow, true, 1)]));
        var (countsAfter, rowsAfter) = await StoredAsync(placeId);
        Assert.Contains(InlineMembers.Parse(countsAfter.GetString(InlineMembers.Property)), member => member is { Present: false, Version: 2 } && member.MemberId == kept);
        Assert.Contains(rowsAfter, row => row.RowKey.EndsWith(inRow, StringComparison.Ordinal) && row.GetBoolean("Present") == false);
    }

    [Fact]
    public async Task Kinds_are_kept_apart_and_only_present_members_are_counted()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var (reader, list) = (TestData.UserId(), TestData.UserId());

        await place.ApplyRelationChangesAsync([
            new RelationChange(RelationKind.BeenHere, reader, true, 1),
            new RelationChange(RelationKind.WantToGo, reader, false, 1),
            new RelationChange(RelationKind.List, list, true, 1)]);
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(new PlaceStats(1, 0, 1), await place.GetStatsAsync());
        Assert.Equal([list], await place.GetListsAsync(null, 10));
        Assert.Equal([reader], await place.GetHoldingMembersAsync(RelationKind.BeenHere, [reader, list]));
        Assert.Empty(await place.GetHoldingMembersAsync(RelationKind.WantToGo, [reader]));
    }

    [Fact]
    public async Task A_counts_row_from_before_members_were_kept_inline_keeps_its_members_in_rows()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var place = Grains.GetGrain<IPlaceGrain>(placeId);
        var (old, later) = (TestData.UserId(), TestData.UserId());
        // As stored until 6 December: a relation row and a counts row without kept members.
        var bucket = PlaceRelationBuckets.PartitionOf(placeId);
        await fixture.Cluster.PlaceRelationsOf(placeId).SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(bucket, RelationKeys.Relation(RelationKind.BeenHere, old, placeId))
            {
                ["Present"] = true,
                ["Version"] = 1L,
            }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(bucket, RelationKeys.Counts(placeId)) { ["BeenHere"] = 1 })]);
        await fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var stats = await place.ApplyRelationChangesAsync([
            new RelationChange(RelationKind.BeenHere, old, true, 1),
            new RelationChange(RelationKind.BeenHere, later, true, 1)]);

        Assert.Equal(new PlaceStats(2, 0, 0), stats);
        var (counts, rows) = await StoredAsync(placeId);
        Assert.Null(counts.GetString(InlineMembers.Property));
        Assert.Equal(new[] { old, later }.Order(), rows.Select(row => RelationKeys.Parse(row.RowKey, placeId)!.Value.MemberId).Order());
    }

    private Task<(TableEntity Counts, List<TableEntity> Rows)> StoredAsync(string placeId) => new StoredTruth(fixture.Cluster).PlaceBaseAsync(placeId);
}
