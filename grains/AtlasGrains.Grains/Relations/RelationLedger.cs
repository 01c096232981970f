using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// The partition of one counted thing (a place, a newsletter) in a relations table: one row per (kind, member)
/// with the newest version applied, and one counts row. Every commit writes the changed relation rows and the
/// counts row in one entity-group transaction, guarded by ETags, so the counts always equal the present rows.
/// </summary>
internal sealed class RelationLedger(TableClient table, string partitionKey, AtlasMetrics metrics)
{
    /// <summary>An entity-group transaction holds at most 100 operations; one is the counts row.</summary>
    public const int MaxChangesPerCommit = 99;

    private const int MaxAttempts = 5;
    private ETag? _countsETag;

    public RelationCounts Counts { get; private set; } = RelationCounts.None;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var counts = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RelationKeys.Counts, cancellationToken: cancellationToken);
        if (!counts.HasValue || counts.Value is null)
        {
            Counts = RelationCounts.None;
            _countsETag = null;
            return;
        }

        Counts = RelationCounts.Read(counts.Value);
        _countsETag = counts.Value.ETag;
    }

    /// <summary>Applies the changes durably. Stale or repeated versions are skipped.</summary>
    public async Task CommitAsync(IReadOnlyList<RelationChange> changes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryCommitAsync(changes);
                return;
            }
            catch (Exception ex) when (TableErrors.IsStaleView(ex) && attempt < MaxAttempts)
            {
                // Another activation wrote, or an earlier commit landed without our hearing back: reload and redo.
                await LoadAsync();
            }
        }
    }

    /// <summary>Rewrites the counts row from the present relation rows. Callers serialize it with commits.</summary>
    public async Task RecountAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryRecountAsync();
                return;
            }
            catch (Exception ex) when (TableErrors.IsStaleView(ex) && attempt < MaxAttempts)
            {
                await LoadAsync();
            }
        }
    }

    private async Task TryRecountAsync()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {"rel|"} and RowKey lt {"rel}"} and Present eq true");
        var counts = RelationCounts.None;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            foreach (var kind in Enum.GetValues<RelationKind>().Where(kind => row.RowKey.StartsWith(RelationKeys.Prefix(kind), StringComparison.Ordinal)))
            {
                counts = counts.Add(kind, 1);
            }
        }

        var countsRow = counts.ToRow(partitionKey);
        var response = _countsETag is { } etag
            ? await table.UpdateEntityAsync(countsRow, etag, TableUpdateMode.Replace)
            : await table.AddEntityAsync(countsRow);
        Counts = counts;
        _countsETag = response.Headers.ETag;
    }

    /// <summary>The members among <paramref name="memberIds"/> whose relation row is present.</summary>
    public async Task<string[]> HoldingAsync(RelationKind kind, string[] memberIds)
    {
        var rows = await Task.WhenAll(memberIds.Select(memberId =>
            table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RelationKeys.Relation(kind, memberId), ["Present"])));
        return [.. memberIds.Where((_, i) => rows[i].HasValue && rows[i].Value?.GetBoolean("Present") == true)];
    }

    /// <summary>Present members of one kind in key order, after <paramref name="afterMemberId"/>.</summary>
    public async Task<string[]> MembersAsync(RelationKind kind, string? afterMemberId, int limit)
    {
        var from = afterMemberId is null ? RelationKeys.Prefix(kind) : RelationKeys.Relation(kind, afterMemberId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey gt {from} and RowKey lt {RelationKeys.PrefixEnd(kind)} and Present eq true");
        var prefixLength = RelationKeys.Prefix(kind).Length;
        var members = new List<string>(limit);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, select: ["RowKey"]))
        {
            members.Add(row.RowKey[prefixLength..]);
            if (members.Count == limit)
            {
                break;
            }
        }

        return [.. members];
    }

    private async Task TryCommitAsync(IReadOnlyList<RelationChange> changes)
    {
        var newest = changes
            .GroupBy(change => RelationKeys.Relation(change.Kind, change.MemberId))
            .Select(group => group.MaxBy(change => change.Version)!)
            .ToList();
        var stored = await Task.WhenAll(newest.Select(change =>
            table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RelationKeys.Relation(change.Kind, change.MemberId))));

        var actions = new List<TableTransactionAction>(newest.Count + 1);
        var counts = Counts;
        for (var i = 0; i < newest.Count; i++)
        {
            var change = newest[i];
            var row = stored[i].HasValue ? stored[i].Value : null;
            if (row is not null && (row.GetInt64("Version") ?? 0) >= change.Version)
            {
                continue;
            }

            var wasPresent = row?.GetBoolean("Present") ?? false;
            var entity = new TableEntity(partitionKey, RelationKeys.Relation(change.Kind, change.MemberId))
            {
                ["Present"] = change.Present,
                ["Version"] = change.Version,
            };
            actions.Add(row is null
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, row.ETag));
            if (wasPresent != change.Present)
            {
                counts = counts.Add(change.Kind, change.Present ? 1 : -1);
            }
        }

        if (actions.Count == 0)
        {
            return;
        }

        var countsRow = counts.ToRow(partitionKey);
        actions.Add(_countsETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, countsRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, countsRow));

        var response = await table.SubmitTransactionAsync(actions);
        metrics.PlaceCommitted(actions.Count - 1);
        Counts = counts;
        _countsETag = response.Value[^1].Headers.ETag;
        if (_countsETag is null)
        {
            await LoadAsync();
        }
    }
}
