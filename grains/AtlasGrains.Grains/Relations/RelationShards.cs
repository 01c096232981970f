using AtlasGrains.Abstractions;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Where a counted thing's relation rows live. Every thing starts with its base partition, named by its key. A hot
/// one (a viral place) opens shards "{key}~01" ... "{key}~15", and each new member then goes to the shard a stable
/// hash of its id picks, each shard with its own counts row: Azure Table serves about 2,000 entities/s per
/// partition, so a single partition would cap a viral place there however well it batches (and on Azurite, every
/// point operation scans its partition, so a partition of 10,000 members slows each one down).
/// </summary>
internal static class RelationShards
{
    /// <summary>Shards per place, the base included. Fixed forever: a member's shard is found by hashing into this many.</summary>
    public const int PerPlace = 16;

    private const char Separator = '~';

    public static int Of(string memberId, int shardCount) => shardCount == 1 ? 0 : StableBucket.Of(memberId, shardCount);

    /// <summary>Shard 0 is the thing's own partition, so a thing with one shard looks as it always did.</summary>
    public static string PartitionKey(string ownerKey, int shard) => shard == 0 ? ownerKey : $"{ownerKey}{Separator}{shard:D2}";

    /// <summary>The counted thing a partition belongs to (ids never contain '~').</summary>
    public static string OwnerOf(string partitionKey) =>
        partitionKey.LastIndexOf(Separator) is var at and >= 0 ? partitionKey[..at] : partitionKey;
}
