using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The places' journal rows left behind (<see cref="PlaceJournalRow"/>): a place that stored changes there and then
/// died (or whose counts row write failed) never released them. Each row older than the retry period is replayed to
/// its places, which store its changes (a no-op for those they hold already) before they answer; then it goes.
/// </summary>
public sealed partial class PendingOwnersSweeperGrain
{
    private async Task SweepPlaceBucketAsync(int bucket, DateTimeOffset settled)
    {
        var partitionKey = PlaceRelationBuckets.PartitionKeyOf(bucket);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {PlaceJournalRow.RowPrefix} and RowKey lt {PlaceJournalRow.RowEnd} and Timestamp lt {settled}");
        var places = await tables.PlaceRelationsAsync(bucket);
        foreach (var row in await places.QueryAsync<TableEntity>(filter).ToListAsync())
        {
            var stored = true;
            await ReconcileAllAsync(PlaceJournalRow.Parse(row).GroupBy(line => line.PlaceId).Select(place => new Owner(place.Key, async () =>
            {
                try
                {
                    await GrainFactory.GetGrain<IPlaceGrain>(place.Key).StoreRelationChangesAsync([.. place.Select(line => line.Change)]);
                }
                catch (Exception)
                {
                    stored = false;
                    throw;
                }
            })));
            if (stored)
            {
                await RemoveAsync(places, partitionKey, row);
            }
        }
    }
}
