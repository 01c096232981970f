namespace AtlasGrains.Abstractions.Discovery;

/// <summary>
/// One of <see cref="CatalogShards.Count"/> shards of the place catalog (keyed by shard number): the change
/// feed every silo's discovery index follows, and the writer of the places' counts into the catalog table.
/// Asked a few times a second by each silo, never once per reader request.
/// </summary>
[Alias("AtlasGrains.ICatalogShardGrain")]
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    /// <summary>New or edited facts of a place (already stored in the catalog table by the place).</summary>
    [Alias("PublishAsync")] Task PublishAsync(PlaceSummary place);

    /// <summary>New counts of places, pre-aggregated per silo.</summary>
    [Alias("ReportStatsAsync")] Task ReportStatsAsync(PlaceStatsUpdate[] updates);

    /// <summary>The changes after <paramref name="position"/> of feed <paramref name="epoch"/>, at most <paramref name="max"/>.</summary>
    [Alias("GetChangesAsync")] Task<CatalogChanges> GetChangesAsync(Guid epoch, long position, int max);
}
