using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Grains.Places;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Discovery;

/// <summary>Reads one catalog shard's places from the catalog table: its partition, summary columns only.</summary>
public sealed class CatalogReader(AtlasTables tables)
{
    public async Task<List<PlaceSummary>> ReadShardAsync(int shard, CancellationToken cancellationToken)
    {
        var catalog = await tables.PlacesAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CatalogShards.PartitionKey(shard)}");
        var places = new List<PlaceSummary>();
        await foreach (var row in catalog.QueryAsync<TableEntity>(filter, select: PlaceRows.SummaryColumns, cancellationToken: cancellationToken))
        {
            if (PlaceRows.ReadSummary(row) is { } place)
            {
                places.Add(place);
            }
        }

        return places;
    }
}
