using System.Collections.Concurrent;
using AtlasGrains.Abstractions;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Places' base shards share 16 bucket partitions ("places-00".."places-15", a SHA-256 of the place id, fixed forever;
/// each in a table of its own, with the shards of its hot places, see <see cref="AtlasTables"/>), and each silo
/// group-commits the commits of many places into one transaction per bucket (<see cref="PartitionGroupCommit"/>): marks
/// spread over many places cost a share of a request each instead of one. Each place's commit stays a unit guarded by its own counts row's ETag. A hot place's shards keep partitions of
/// their own ("{place}~01".."{place}~03", see <see cref="RelationShards"/>), since they are where its load goes.
/// </summary>
public sealed class PlaceRelationBuckets(IOptions<AtlasStorageOptions> options)
{
    public const int Buckets = 16;

    private readonly ConcurrentDictionary<string, PartitionGroupCommit> _commits = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inFlight = new(options.Value.TransactionsInFlight);

    /// <summary>The place's bucket: one of 16 shared strings, since every active place keeps it.</summary>
    public static string PartitionOf(string placeId) => BucketKeys[BucketOf(placeId)];

    /// <summary>
    /// The number of the place's bucket, which also names the table that holds all its shards, the base one and a hot
    /// place's own (<see cref="AtlasTables.PlaceRelationsAsync"/>).
    /// </summary>
    public static int BucketOf(string placeId) => StableBucket.Of(placeId, Buckets);

    /// <summary>The partition key of a bucket, by its number.</summary>
    public static string PartitionKeyOf(int bucket) => BucketKeys[bucket];

    private static readonly string[] BucketKeys = [.. Enumerable.Range(0, Buckets).Select(bucket => $"places-{bucket:D2}")];

    /// <summary>The partition that stores a place's shard: the bucket for the base shard, else the shard's own.</summary>
    public static string StoragePartition(string placeId, int shard) =>
        shard == 0 ? PartitionOf(placeId) : RelationShards.PartitionKey(placeId, shard);

    internal PartitionGroupCommit CommitsOf(TableClient table, string partitionKey) =>
        _commits.GetOrAdd(partitionKey, _ => new PartitionGroupCommit(table, _inFlight));
}
