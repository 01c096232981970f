using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>What places' partitions store: their counts rows and relation rows, read straight from the tables.</summary>
public sealed partial class StoredTruth
{
    /// <summary>The places' bucket tables, which also hold the places' journal rows.</summary>
    private IEnumerable<TableClient> PlaceRelations =>
        AtlasTables.BucketTables(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.Buckets).Select(name => tables.GetTableClient(tablePrefix + name));

    /// <summary>The places' journal rows left in every bucket.</summary>
    private async Task<int> PlaceJournalRowsAsync()
    {
        var count = 0;
        foreach (var table in PlaceRelations)
        {
            count += await RowsAsync(table).CountAsync(row => PlaceJournalRow.IsRow(row.RowKey));
        }

        return count;
    }

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

    /// <summary>
    /// A place's counts as stored: its counts rows, and the changes the places' journal holds for it that its counts row
    /// doesn't have yet (<see cref="PlaceJournalRow"/>).
    /// </summary>
    /// <remarks>
    /// The journal is read first: a place writes its counts row before its journal rows go, so a counts row read after
    /// them holds (by its members' versions) every change they held that is gone by then. Read the other way round, a
    /// store between the two reads hides its changes from both.
    /// </remarks>
    public async Task<PlaceStats> StoredCountsAsync(string placeId)
    {
        var journaled = await JournaledAsync(placeId);

        // Each shard of the place keeps the counts of its own members: the place's counts are their sum.
        var rows = await Task.WhenAll(Enumerable.Range(0, RelationShards.PerPlace).Select(shard =>
            PlaceRelationsOf(placeId).GetEntityIfExistsAsync<TableEntity>(PlaceRelationBuckets.StoragePartition(placeId, shard), RelationKeys.Counts(RelationShards.PartitionKey(placeId, shard)))));
        var stored = rows.Where(row => row.HasValue && row.Value is not null).Select(row => row.Value!).Aggregate(PlaceStats.Zero, (sum, counts) =>
            new PlaceStats(sum.BeenHere + (counts.GetInt32("BeenHere") ?? 0), sum.WantToGo + (counts.GetInt32("WantToGo") ?? 0), sum.Lists + (counts.GetInt32("Lists") ?? 0)));
        return WithJournaled(stored, journaled, rows[0].HasValue ? rows[0].Value : null);
    }

    /// <summary>The changes for the place that its bucket's journal rows hold.</summary>
    private async Task<List<RelationChange>> JournaledAsync(string placeId)
    {
        var partition = PlaceRelationBuckets.PartitionOf(placeId);
        var journal = await PlaceRelationsOf(placeId).QueryAsync<TableEntity>(row =>
            row.PartitionKey == partition && row.RowKey.CompareTo(PlaceJournalRow.RowPrefix) >= 0 && row.RowKey.CompareTo(PlaceJournalRow.RowEnd) < 0).ToListAsync();
        return [.. journal.SelectMany(PlaceJournalRow.Parse).Where(line => line.PlaceId == placeId).Select(line => line.Change)];
    }

    /// <summary>
    /// The counts after the journal's changes for the place: only members its base counts row keeps are journaled, and they
    /// stay kept there, so a member it doesn't keep is new to the place.
    /// </summary>
    private static PlaceStats WithJournaled(PlaceStats stored, List<RelationChange> changes, TableEntity? baseCounts)
    {
        var kept = InlineMembers.Parse(baseCounts?.GetString(InlineMembers.Property))
            .ToDictionary(member => (member.Kind, member.MemberId), member => (member.Present, member.Version));
        foreach (var newest in changes.GroupBy(change => (change.Kind, change.MemberId)).Select(member => member.MaxBy(change => change.Version)!))
        {
            var (present, version) = kept.GetValueOrDefault((newest.Kind, newest.MemberId));
            if (newest.Version > version && newest.Present != present)
            {
                var delta = newest.Present ? 1 : -1;
                stored = newest.Kind switch
                {
                    RelationKind.BeenHere => stored with { BeenHere = stored.BeenHere + delta },
                    RelationKind.WantToGo => stored with { WantToGo = stored.WantToGo + delta },
                    _ => stored with { Lists = stored.Lists + delta },
                };
            }
        }

        return stored;
    }
}
