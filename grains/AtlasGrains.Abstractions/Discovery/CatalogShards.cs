namespace AtlasGrains.Abstractions.Discovery;

/// <summary>Which catalog shard a place belongs to: a stable hash of its id (the same in every process, forever).</summary>
public static class CatalogShards
{
    public const int Count = 16;

    public static int Of(string placeId) => StableBucket.Of(placeId, Count);

    /// <summary>The catalog table's partition key of a shard.</summary>
    public static string PartitionKey(int shard) => $"shard-{shard:D2}";
}
