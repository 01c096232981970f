using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>What places' partitions store: their counts rows and relation rows, read straight from the tables.</summary>
public sealed partial class StoredTruth
{
    /// <summary>The table of the place's bucket, which holds all of its shards.</summary>
    private TableClient PlaceRelationsOf(string placeId) =>
        tables.GetTableClient(tablePrefix + AtlasTables.BucketTable(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.BucketOf(placeId)));

    /// <summary>
    /// What a place's base partition stores of it: its counts row (with the members it keeps, <see cref="InlineMembers"/>)
    /// and its relation rows there.
    /// </summary>
    public async Task<(TableEntity Counts, List<TableEntity> Rows)> PlaceBaseAsync(string placeId)
    {
        var stored = await PlaceRelationsOf(placeId)
            .QueryAsync<TableEntity>(row => row.PartitionKey == PlaceRelationBuckets.PartitionOf(placeId)).ToListAsync();
        return (
            stored.Single(row => row.RowKey == RelationKeys.Counts(placeId)),
            [.. stored.Where(row => RelationKeys.ScopeOf(row.RowKey) == placeId && row.RowKey.StartsWith(RelationKeys.AnyRelationPrefix, StringComparison.Ordinal))]);
    }

    /// <summary>The counts row of a place as stored.</summary>
    public async Task<PlaceStats> StoredCountsAsync(string placeId)
    {
        // Each shard of the place keeps the counts of its own members: the place's counts are their sum.
        var rows = await Task.WhenAll(Enumerable.Range(0, RelationShards.PerPlace).Select(shard =>
            PlaceRelationsOf(placeId).GetEntityIfExistsAsync<TableEntity>(PlaceRelationBuckets.StoragePartition(placeId, shard), RelationKeys.Counts(RelationShards.PartitionKey(placeId, shard)))));
        return rows.Where(row => row.HasValue && row.Value is not null).Select(row => row.Value!).Aggregate(PlaceStats.Zero, (sum, counts) =>
            new PlaceStats(sum.BeenHere + (counts.GetInt32("BeenHere") ?? 0), sum.WantToGo + (counts.GetInt32("WantToGo") ?? 0), sum.Lists + (counts.GetInt32("Lists") ?? 0)));
    }
}
