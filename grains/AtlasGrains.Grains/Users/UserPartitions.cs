using System.Collections.Concurrent;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Users;

/// <summary>The silo's writers of the user buckets: one group commit per bucket, shared by every user grain of the silo.</summary>
public sealed class UserPartitions(AtlasTables tables, IOptions<AtlasStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, PartitionGroupCommit> _commits = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inFlight = new(options.Value.TransactionsInFlight);

    internal async Task<UserPartition> ForAsync(string userId)
    {
        var table = await tables.UserMarksAsync(UserRows.BucketOf(userId));
        var commits = _commits.GetOrAdd(UserRows.PartitionOf(userId), _ => new PartitionGroupCommit(table, _inFlight));
        return new UserPartition(table, commits, userId);
    }
}
