using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>What a shard has stored of its members: one member's relation, the present ones, every one.</summary>
internal sealed partial class RelationShard
{
    /// <summary>What is stored of a member's relation here: kept in the counts row, or its row (read only when rows exist).</summary>
    public async Task<StoredRelation?> ReadAsync(RelationKind kind, string memberId)
    {
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

    /// <summary>Every member stored here, kept in the counts row or in a row, present or not (as <see cref="RelationKeys.Member"/> keys).</summary>
    public async Task<HashSet<string>> StoredMembersAsync()
    {
        var members = new HashSet<string>(_inline?.MemberKeys ?? [], StringComparer.Ordinal);
        await foreach (var (kind, memberId) in RelationsAsync(presentOnly: false))
        {
            members.Add(RelationKeys.Member(kind, memberId));
        }

        return members;
    }

    /// <summary>The scope's relation rows, kind by kind (one key range each: the partition may hold other scopes' rows).</summary>
    private async IAsyncEnumerable<(RelationKind Kind, string MemberId)> RelationsAsync(bool presentOnly)
    {
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
