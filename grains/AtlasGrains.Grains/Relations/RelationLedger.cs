using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Everything a counted thing (a place, a newsletter) knows about who holds it, over its shards
/// (<see cref="RelationShards"/>): each member's relation rows live in one shard, each shard keeps its own counts
/// exact, and the thing's counts are their sum. A commit writes each touched shard in its own transaction, in
/// parallel; a change is never split, so each one is applied whole or not at all.
/// </summary>
internal sealed class RelationLedger
{
    /// <summary>Changes per commit: at most 99 land in one shard, whose transaction also writes its counts row (100 operations).</summary>
    public const int MaxChangesPerCommit = 99;

    private readonly TableClient _table;
    private readonly string _ownerKey;
    private readonly int _shardCount;
    private readonly AtlasMetrics _metrics;
    private readonly Dictionary<int, RelationShard> _shards = [];

    public RelationLedger(TableClient table, string ownerKey, int shardCount, AtlasMetrics metrics)
    {
        (_table, _ownerKey, _shardCount, _metrics) = (table, ownerKey, shardCount, metrics);
        _shards[0] = NewShard(0);
    }

    public RelationCounts Counts => _shards.Values.Aggregate(RelationCounts.None, (sum, shard) => sum.Plus(shard.Counts));

    private RelationShard Base => _shards[0];

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await Base.LoadAsync(cancellationToken);
        foreach (var shard in _shards.Keys.Where(shard => shard != 0).ToList())
        {
            _shards.Remove(shard);
        }

        await LoadUsedShardsAsync(cancellationToken);
    }

    /// <summary>Applies the changes durably. Stale or repeated versions are skipped.</summary>
    public async Task CommitAsync(IReadOnlyList<RelationChange> changes)
    {
        var byShard = changes
            .GroupBy(change => RelationKeys.Relation(change.Kind, change.MemberId))
            .Select(group => group.MaxBy(change => change.Version)!)
            .GroupBy(change => RelationShards.Of(change.MemberId, _shardCount))
            .ToList();

        var newShards = byShard.Select(group => group.Key).Where(shard => shard != 0).Aggregate(0L, (bits, shard) => bits | Bit(shard));
        if ((Base.UsedShards | newShards) != Base.UsedShards)
        {
            // Recorded first: a shard holding rows the base shard doesn't list would be missed by the next load.
            await Base.AddUsedShardsAsync(newShards);
        }

        await LoadUsedShardsAsync();
        await Task.WhenAll(byShard.Select(group => _shards[group.Key].CommitAsync([.. group])));
    }

    /// <summary>Rewrites every shard's counts row from its present relation rows. Callers serialize it with commits.</summary>
    public async Task RecountAsync()
    {
        await LoadAsync();
        await Task.WhenAll(_shards.Values.Select(shard => shard.RecountAsync()));
    }

    /// <summary>The members among <paramref name="memberIds"/> whose relation row is present.</summary>
    public async Task<string[]> HoldingAsync(RelationKind kind, string[] memberIds)
    {
        var rows = await Task.WhenAll(memberIds.Select(memberId => _table.GetEntityIfExistsAsync<TableEntity>(
            RelationShards.PartitionKey(_ownerKey, RelationShards.Of(memberId, _shardCount)), RelationKeys.Relation(kind, memberId), ["Present"])));
        return [.. memberIds.Where((_, i) => rows[i].HasValue && rows[i].Value?.GetBoolean("Present") == true)];
    }

    /// <summary>Present members of one kind in key order, after <paramref name="afterMemberId"/>: each shard's first page, merged.</summary>
    public async Task<string[]> MembersAsync(RelationKind kind, string? afterMemberId, int limit)
    {
        var from = afterMemberId is null ? RelationKeys.Prefix(kind) : RelationKeys.Relation(kind, afterMemberId);
        var pages = await Task.WhenAll(_shards.Values.Select(shard => FirstMembersAsync(shard.PartitionKey, kind, from, limit)));
        return [.. pages.SelectMany(page => page).Order(StringComparer.Ordinal).Take(limit)];
    }

    private async Task<List<string>> FirstMembersAsync(string partitionKey, RelationKind kind, string from, int limit)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey gt {from} and RowKey lt {RelationKeys.PrefixEnd(kind)} and Present eq true");
        var prefixLength = RelationKeys.Prefix(kind).Length;
        var members = new List<string>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: ["RowKey"]))
        {
            members.Add(row.RowKey[prefixLength..]);
            if (members.Count == limit)
            {
                break;
            }
        }

        return members;
    }

    /// <summary>Loads the shards the base shard lists and this activation doesn't know yet (another activation may have added some).</summary>
    private async Task LoadUsedShardsAsync(CancellationToken cancellationToken = default)
    {
        var missing = Enumerable.Range(1, _shardCount - 1)
            .Where(shard => (Base.UsedShards & Bit(shard)) != 0 && !_shards.ContainsKey(shard))
            .Select(shard => (Number: shard, Shard: NewShard(shard)))
            .ToList();
        await Task.WhenAll(missing.Select(loading => loading.Shard.LoadAsync(cancellationToken)));
        missing.ForEach(loaded => _shards[loaded.Number] = loaded.Shard);
    }

    private RelationShard NewShard(int shard) => new(_table, RelationShards.PartitionKey(_ownerKey, shard), isBase: shard == 0, _metrics);

    private static long Bit(int shard) => 1L << shard;
}
