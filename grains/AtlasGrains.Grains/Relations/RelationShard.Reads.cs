using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>What a shard has stored of its members: one member's relation, the present ones, every one.</summary>
internal sealed partial class RelationShard
{
    /// <summary>
    /// What is stored of a member's relation here: packed in a chunk row or kept in the counts row (both in memory), or
    /// its row (read only when rows exist).
    /// </summary>
    public async Task<StoredRelation?> ReadAsync(RelationKind kind, string memberId)
    {
        if (_chunks is not null)
        {
            return _chunks.Find(kind, memberId);
        }

        if (_inline?.Find(kind, memberId) is { } inline)
        {
            return inline;
        }

        if (_inline is { HasRows: false })
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RelationKeys.Relation(kind, memberId, Scope));
        return row.HasValue ? new StoredRelation(row.Value!.GetBoolean("Present") ?? false, row.Value.GetInt64("Version") ?? 0, row.Value.ETag) : null;
    }

    /// <summary>The present members of one kind kept in the counts row (none if it keeps none).</summary>
    public IEnumerable<string> InlinePresent(RelationKind kind) => _inline?.Present(kind) ?? [];

    /// <summary>Every member stored here, packed, kept in the counts row or in a row, present or not (as <see cref="RelationKeys.Member"/> keys).</summary>
    public async Task<HashSet<string>> StoredMembersAsync()
    {
        var members = new HashSet<string>([.. _inline?.MemberKeys ?? [], .. _chunks?.MemberKeys ?? []], StringComparer.Ordinal);
        await foreach (var (kind, memberId) in RelationsAsync(presentOnly: false))
        {
            members.Add(RelationKeys.Member(kind, memberId));
        }

        return members;
    }

    /// <summary>
    /// The first present members of one kind after <paramref name="afterMemberId"/> in key order: those packed or kept
    /// in the counts row, and the first page of the rows.
    /// </summary>
    public async Task<List<string>> FirstMembersAsync(RelationKind kind, string? afterMemberId, int limit)
    {
        var members = InlinePresent(kind).Concat(PackedPresent(kind))
            .Where(memberId => afterMemberId is null || string.CompareOrdinal(memberId, afterMemberId) > 0)
            .Order(StringComparer.Ordinal).Take(limit).ToList();
        if (_chunks is not null || _inline is { HasRows: false })
        {
            return members;
        }

        var from = afterMemberId is null ? RelationKeys.Prefix(kind, Scope) : RelationKeys.Relation(kind, afterMemberId, Scope);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PartitionKey} and RowKey gt {from} and RowKey lt {RelationKeys.PrefixEnd(kind, Scope)} and Present eq true");
        var prefixLength = RelationKeys.Prefix(kind, Scope).Length;
        var rows = new List<string>(limit);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: ["RowKey"]))
        {
            rows.Add(row.RowKey[prefixLength..]);
            if (rows.Count == limit)
            {
                break;
            }
        }

        return [.. members.Concat(rows).Order(StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>The scope's relation rows, kind by kind (one key range each: the partition may hold other scopes' rows); none when packed.</summary>
    private async IAsyncEnumerable<(RelationKind Kind, string MemberId)> RelationsAsync(bool presentOnly)
    {
        if (_chunks is not null)
        {
            yield break;
        }

        foreach (var kind in Enum.GetValues<RelationKind>())
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {PartitionKey} and RowKey gt {RelationKeys.Prefix(kind, Scope)} and RowKey lt {RelationKeys.PrefixEnd(kind, Scope)}");
            if (presentOnly)
            {
                filter += " and Present eq true";
            }

            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            {
                if (RelationKeys.Parse(row.RowKey, Scope) is var (parsedKind, memberId))
                {
                    yield return (parsedKind, memberId);
                }
            }
        }
    }
}
