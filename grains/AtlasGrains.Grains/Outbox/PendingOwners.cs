using System.Collections.Concurrent;
using AtlasGrains.Abstractions;
using AtlasGrains.Grains.Storage;
using Azure;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The journal of newsletter subscribers that may hold mails or count changes not yet delivered: one row per owner,
/// written before the owner stores such a change and removed once nothing is left. (Users keep theirs in their own
/// bucket, see <see cref="Users.UserWakeRow"/>, where it rides in the same transaction as their change.) It replaces a reminder per
/// owner (a reminder-table write to register, another to delete, and a tick per owner): rows from many owners go
/// out together in one transaction per shard partition, and a sweeper per shard
/// (<see cref="PendingOwnersSweeperGrain"/>) wakes the owners whose rows have stood longer than the retry period.
/// </summary>
public sealed class PendingOwners(AtlasTables tables, IOptions<AtlasStorageOptions> options)
{
    public const int Shards = 8;

    private readonly ConcurrentDictionary<int, Lazy<Task<PendingOwnersShard>>> _shards = new();
    private readonly SemaphoreSlim _inFlight = new(options.Value.TransactionsInFlight);

    public static int ShardOf(string ownerKey) => StableBucket.Of(ownerKey, Shards);

    public static string PartitionKey(int shard) => $"shard-{shard}";

    public const string SubscriberPrefix = "subscriber|";

    /// <summary>The owner of a newsletter subscriber's outboxes (mails and count changes), as its journal row names it.</summary>
    public static string SubscriberKey(string subscriberKey) => SubscriberPrefix + subscriberKey;

    /// <summary>Writes (or rewrites) the owner's row; durable when this completes. Returns the row's ETag.</summary>
    public async Task<ETag> AddAsync(string ownerKey) =>
        await (await ShardAsync(ownerKey)).SubmitAsync(PendingOwnersShard.Operation.Add(ownerKey));

    /// <summary>Removes the owner's row if it is still the one with this ETag; true if it is gone.</summary>
    public async Task<bool> RemoveAsync(string ownerKey, ETag etag) =>
        await (await ShardAsync(ownerKey)).SubmitAsync(PendingOwnersShard.Operation.Remove(ownerKey, etag)) != default;

    private Task<PendingOwnersShard> ShardAsync(string ownerKey) => _shards.GetOrAdd(ShardOf(ownerKey), shard =>
        new Lazy<Task<PendingOwnersShard>>(async () => new PendingOwnersShard(new PartitionGroupCommit(await tables.PendingOwnersAsync(), _inFlight), PartitionKey(shard)))).Value;
}
