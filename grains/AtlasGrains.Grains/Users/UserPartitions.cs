using System.Collections.Concurrent;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Users;

/// <summary>The silo's writers of the user buckets: one group commit per bucket, shared by every user grain of the silo.</summary>
public sealed class UserPartitions(AtlasTables tables)
{
    private readonly ConcurrentDictionary<string, PartitionGroupCommit> _commits = new(StringComparer.Ordinal);

    internal async Task<UserPartition> ForAsync(string userId)
    {
        var table = await tables.UserMarksAsync();
        var commits = _commits.GetOrAdd(UserRows.PartitionOf(userId), _ => new PartitionGroupCommit(table));
        return new UserPartition(table, commits, userId);
    }
}
