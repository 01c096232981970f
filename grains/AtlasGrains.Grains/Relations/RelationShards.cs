using AtlasGrains.Abstractions;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Where a counted thing's relation rows live. Every thing starts with its base partition, named by its key. A hot
/// one (a viral place) opens shards "{key}~01" ... "{key}~03", and each new member then goes to the shard a stable
/// hash of its id picks, each shard with its own counts row: Azure Table serves about 2,000 entities/s per
/// partition, so a single partition would cap a viral place there however well it batches (and on Azurite, every
/// point operation scans its partition, so a partition of 10,000 members slows each one down). The base partition
/// takes no new member once the shards are open, so its members are a set that no longer grows.
/// </summary>
internal static class RelationShards
{
    /// <summary>
    /// Partitions per place, the base included. Three shards carry about 6,000 marks/s on Azure; more would cost more:
    /// a hot place's commit writes each shard it touches in a transaction of its own, so with 15 shards a commit of 64
    /// marks was 15 requests of 4 or 5 marks. Fixed forever: a member's shard is found by hashing into this many.
    /// </summary>
    public const int PerPlace = 4;

    private const char Separator = '~';

    /// <summary>The shard a new member goes to once the shards are open: never the base (shard 0).</summary>
    public static int Of(string memberId, int shardCount) => shardCount == 1 ? 0 : 1 + StableBucket.Of(memberId, shardCount - 1);

    /// <summary>Shard 0 is the thing's own partition, so a thing with one shard looks as it always did.</summary>
    public static string PartitionKey(string ownerKey, int shard) => shard == 0 ? ownerKey : $"{ownerKey}{Separator}{shard:D2}";

    /// <summary>The counted thing a partition belongs to (ids never contain '~').</summary>
    public static string OwnerOf(string partitionKey) =>
        partitionKey.LastIndexOf(Separator) is var at and >= 0 ? partitionKey[..at] : partitionKey;
}
