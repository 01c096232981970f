using System.Collections.Frozen;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's marks in the user-marks table, and the truth of them. The user's range holds a "meta" row (the
/// user's change sequence, guarded by its ETag) and one row per mark; its bucket also holds the outbox rows of changes
/// the places have not confirmed (<see cref="UserRows"/>), which are their own wake-up. A change writes the sequence,
/// the mark and the outbox row in one entity-group transaction: the mark and the duty to tell the place (and what
/// wakes the user to do it after a crash) become durable together, or not at all.
/// </summary>
internal sealed class UserMarkLedger(UserPartition partition, string userId, UserMetaRow meta, TimeProvider clock, AtlasMetrics metrics)
{
    // Allocated with the first mark: an empty dictionary still costs 80 bytes, for every active user.
    private Dictionary<MarkKey, DateTimeOffset>? _marks;

    private IReadOnlyDictionary<MarkKey, DateTimeOffset> Stored =>
        (IReadOnlyDictionary<MarkKey, DateTimeOffset>?)_marks ?? FrozenDictionary<MarkKey, DateTimeOffset>.Empty;

    public RelationOutbox Outbox { get; } = new(partition.PartitionKey, userId, metrics);

    public int Count(MarkKind kind) => Stored.Count(mark => mark.Key.Kind == kind);

    public bool IsMarked(MarkKind kind, string placeId) => Stored.ContainsKey(new MarkKey(kind, placeId));

    public IEnumerable<MarkEntry> Marks(MarkKind kind) => Stored
        .Where(mark => mark.Key.Kind == kind)
        .Select(mark => new MarkEntry(mark.Key.PlaceId, mark.Value));

    /// <summary>Reloads only this ledger's rows (after a write lost to another writer).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var (start, end) = UserRows.MarkRange(userId);
        var marks = partition.ReadRangeAsync(start, end, cancellationToken);
        var outbox = partition.ReadOutboxAsync(cancellationToken);
        Load([.. await marks, .. await outbox]);
    }

    /// <summary>Takes the ledger's state from the user's rows (lists' rows are skipped).</summary>
    public void Load(IEnumerable<TableEntity> rows)
    {
        _marks?.Clear();
        Outbox.Clear();
        meta.Reset();
        foreach (var row in rows)
        {
            if (meta.IsRow(row))
            {
                meta.Load(row);
            }
            else if (MarkKey.TryParse(row.RowKey, out var key, out var isPending) && isPending)
            {
                Outbox.Load(row, key.PlaceId, key.RelationKind, userId);
            }
            else if (MarkKey.TryParse(row.RowKey, out key, out _))
            {
                (_marks ??= [])[key] = row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.UnixEpoch;
            }
        }
    }

    /// <summary>Records the current state of a mark again under a new version, for a place that lost track of it.</summary>
    public async Task<PendingDelivery> ResendAsync(MarkKind kind, string placeId)
    {
        var key = new MarkKey(kind, placeId);
        var sequence = meta.Sequence + 1;
        var change = new RelationChange(key.RelationKind, userId, Stored.ContainsKey(key), sequence);
        List<TableTransactionAction> actions = [meta.Write(sequence, outboxEmpty: false), Outbox.Upsert(key.OutboxKey, change)];
        var response = await SubmitAsync(actions);
        meta.Written(sequence, response, outboxEmpty: false);
        // The outbox row is the action after the meta row.
        return Outbox.Written(key.OutboxKey, placeId, change, [], response[1].Headers.ETag ?? default);
    }

    /// <summary>Where a change's transaction has its outbox row: after the meta row and the mark row.</summary>
    private const int OutboxActionIndex = 2;

    /// <summary>
    /// Durably sets or clears the mark and records the change for its place. Throws <see cref="StaleViewException"/>
    /// (after reloading) when another writer got there first.
    /// </summary>
    public async Task<PendingDelivery> CommitAsync(MarkKind kind, string placeId, bool marked)
    {
        var key = new MarkKey(kind, placeId);
        var sequence = meta.Sequence + 1;
        var change = new RelationChange(key.RelationKind, userId, marked, sequence);
        var markedAt = clock.GetUtcNow();
        var swept = Outbox.SweepCandidates(except: key.OutboxKey);

        List<TableTransactionAction> actions =
        [
            meta.Write(sequence, outboxEmpty: false),
            marked
                ? new(TableTransactionActionType.Add, new TableEntity(partition.PartitionKey, key.MarkRowKey(userId)) { ["MarkedAt"] = markedAt })
                : new(TableTransactionActionType.Delete, partition.Row(key.MarkRowKey(userId)), ETag.All),
            Outbox.Upsert(key.OutboxKey, change),
            .. swept.Select(Outbox.Delete),
        ];

        var response = await SubmitAsync(actions);
        meta.Written(sequence, response, outboxEmpty: false);
        if (marked)
        {
            (_marks ??= [])[key] = markedAt;
        }
        else
        {
            _marks?.Remove(key);
        }

        var pending = Outbox.Written(key.OutboxKey, placeId, change, swept, response[OutboxActionIndex].Headers.ETag ?? default);
        metrics.MarkChanged(kind, marked);
        if (meta.ETag is null)
        {
            await LoadAsync();
        }

        return pending;
    }

    /// <summary>
    /// Deletes the confirmed outbox rows, each with the ETag it was written or read with, so a row another writer wrote
    /// again since (a change perhaps undelivered) is never deleted. The meta row is left alone: rewriting it here would
    /// cost a write per burst of changes for what only the next activation needs (<see cref="RecordEmptyOutboxAsync"/>).
    /// Throws <see cref="StaleViewException"/> (after reloading) when a row was written again or is gone.
    /// </summary>
    public async Task SweepOutboxAsync()
    {
        while (Outbox.SweepCandidates(except: null, max: PartitionGroupCommit.MaxActions) is { Count: > 0 } swept)
        {
            await SubmitAsync([.. swept.Select(Outbox.Delete)]);
            Outbox.Forget(swept);
        }
    }

    /// <summary>
    /// With nothing left in the outbox, records that on the meta row (ETag-guarded: no one else wrote since, so there
    /// is no row this activation doesn't know of), so that the next activation skips the outbox query. Run as the
    /// activation goes away; without it the next activation reads the outbox, which is always correct.
    /// </summary>
    public async Task RecordEmptyOutboxAsync()
    {
        if (Outbox.HasEntries || meta.OutboxEmpty || meta.ETag is null)
        {
            return;
        }

        meta.Written(meta.Sequence, await SubmitAsync([meta.Write(meta.Sequence, outboxEmpty: true)]), outboxEmpty: true);
    }

    /// <summary>Stores the actions; a write that lost to another writer reloads, then throws <see cref="StaleViewException"/>.</summary>
    private async Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions)
    {
        try
        {
            return await partition.SubmitAsync(actions);
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await LoadAsync();
            throw new StaleViewException(ex);
        }
    }
}
