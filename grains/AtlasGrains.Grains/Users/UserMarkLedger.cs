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
/// user's change sequence and outbox, guarded by its ETag, and its first marks, <see cref="InlineMarks"/>) and a row per
/// mark past those (<see cref="UserRows"/>). A change writes the meta row with the change in its outbox
/// (<see cref="UserPendingChanges"/>) and the mark in it or in its row, in one entity-group transaction, which also
/// stores a wake-up row naming the user (<see cref="BatchWakeUp"/>, one for every user in the transaction): the mark and
/// the duty to tell the place (and what wakes the user to do it after a crash) become durable together, or not at all.
/// </summary>
internal sealed class UserMarkLedger(UserPartition partition, string userId, UserMetaRow meta, TimeProvider clock, AtlasMetrics metrics)
{
    // Allocated with the first mark: an empty dictionary still costs 80 bytes, for every active user.
    private Dictionary<MarkKey, DateTimeOffset>? _marks;

    // The marks stored in rows of their own rather than in the meta row; allocated with the first.
    private HashSet<MarkKey>? _inRows;

    private IReadOnlyDictionary<MarkKey, DateTimeOffset> Stored =>
        (IReadOnlyDictionary<MarkKey, DateTimeOffset>?)_marks ?? FrozenDictionary<MarkKey, DateTimeOffset>.Empty;

    public UserPendingChanges Outbox => meta.Pending;

    public int Count(MarkKind kind) => Stored.Count(mark => mark.Key.Kind == kind);

    public bool IsMarked(MarkKind kind, string placeId) => Stored.ContainsKey(new MarkKey(kind, placeId));

    public IEnumerable<MarkEntry> Marks(MarkKind kind) => Stored
        .Where(mark => mark.Key.Kind == kind)
        .Select(mark => new MarkEntry(mark.Key.PlaceId, mark.Value));

    /// <summary>Reloads only this ledger's rows (after a write lost to another writer).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var (start, end) = UserRows.MarkRange(userId);
        Load(await partition.ReadRangeAsync(start, end, cancellationToken));
    }

    /// <summary>The marks the meta row holds, as stored; null when none.</summary>
    public string? InlineToStore() => InlineMarks.Format(Inline);

    /// <summary>The marks the meta row holds: all but those with rows of their own.</summary>
    private IEnumerable<KeyValuePair<MarkKey, DateTimeOffset>> Inline => Stored.Where(mark => _inRows?.Contains(mark.Key) != true);

    /// <summary>Takes the ledger's state from the user's rows (lists' rows are skipped).</summary>
    public void Load(IEnumerable<TableEntity> rows)
    {
        _marks?.Clear();
        _inRows?.Clear();
        meta.Reset();
        var metaRead = false;
        foreach (var row in rows)
        {
            if (meta.IsRow(row))
            {
                meta.Load(row);
                metaRead = true;
                foreach (var (code, placeId, markedAt) in InlineMarks.Parse(row.GetString(InlineMarks.Property)))
                {
                    (_marks ??= [])[new MarkKey(MarkKey.TryParseCode(code)!.Value, placeId)] = markedAt;
                }
            }
            else if (MarkKey.TryParse(row.RowKey, out var key))
            {
                (_marks ??= [])[key] = row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.UnixEpoch;
                (_inRows ??= []).Add(key);
            }
        }

        if (!metaRead)
        {
            Outbox.Load(stored: null);
        }
    }

    /// <summary>Records the current state of a mark again under a new version, for a place that lost track of it.</summary>
    public async Task<PendingDelivery> ResendAsync(MarkKind kind, string placeId)
    {
        var key = new MarkKey(kind, placeId);
        var sequence = meta.Sequence + 1;
        var pending = new PendingDelivery(key.OutboxKey, placeId, new RelationChange(key.RelationKind, userId, Stored.ContainsKey(key), sequence), Confirmed: false);
        var (response, wakeUp) = await SubmitAsync([meta.Write(sequence, pending)]);
        meta.Written(sequence, response, pending, wakeUp);
        return pending;
    }

    /// <summary>
    /// Durably sets or clears the mark and records the change for its place. Throws <see cref="StaleViewException"/>
    /// (after reloading) when another writer got there first.
    /// </summary>
    public async Task<PendingDelivery> CommitAsync(MarkKind kind, string placeId, bool marked)
    {
        var key = new MarkKey(kind, placeId);
        var sequence = meta.Sequence + 1;
        var pending = new PendingDelivery(key.OutboxKey, placeId, new RelationChange(key.RelationKind, userId, marked, sequence), Confirmed: false);
        var markedAt = clock.GetUtcNow();
        // A new mark goes into the meta row while it has room; a mark is cleared from wherever it is.
        var inRow = marked ? Stored.Count - (_inRows?.Count ?? 0) >= InlineMarks.Max : _inRows?.Contains(key) == true;
        var inline = Inline.Where(mark => mark.Key != key);
        List<TableTransactionAction> actions = inRow
            ? [
                meta.Write(sequence, pending, InlineMarks.Format(inline)),
                marked
                    ? new(TableTransactionActionType.Add, new TableEntity(partition.PartitionKey, key.MarkRowKey(userId)) { ["MarkedAt"] = markedAt })
                    : new(TableTransactionActionType.Delete, partition.Row(key.MarkRowKey(userId)), ETag.All),
            ]
            : [meta.Write(sequence, pending, InlineMarks.Format(marked ? inline.Append(new(key, markedAt)) : inline))];

        var (response, wakeUp) = await SubmitAsync(actions);
        meta.Written(sequence, response, pending, wakeUp);
        if (marked)
        {
            (_marks ??= [])[key] = markedAt;
            if (inRow)
            {
                (_inRows ??= []).Add(key);
            }
        }
        else
        {
            _marks?.Remove(key);
            _inRows?.Remove(key);
        }

        metrics.MarkChanged(kind, marked);
        if (meta.ETag is null)
        {
            await LoadAsync();
        }

        return pending;
    }

    /// <summary>
    /// With every change confirmed, stores the meta row without them (ETag-guarded: no one else wrote since), so that
    /// the next activation has nothing to deliver again. Run as the activation goes away; without it the next
    /// activation delivers them again, which the places take as the no-ops they are.
    /// </summary>
    public async Task DropConfirmedAsync()
    {
        if (!Outbox.StoredRowHoldsConfirmed || Outbox.HasUnconfirmed || meta.ETag is null)
        {
            return;
        }

        // No wake-up row: nothing is left to deliver.
        meta.Written(meta.Sequence, (await SubmitAsync([meta.Write(meta.Sequence)], wakeUp: false)).Responses);
    }

    /// <summary>
    /// Stores the actions, by default with a wake-up row naming the user; a write that lost to another writer reloads,
    /// then throws <see cref="StaleViewException"/>.
    /// </summary>
    private async Task<PartitionGroupCommit.Committed> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, bool wakeUp = true)
    {
        try
        {
            return wakeUp ? await partition.SubmitWithWakeUpAsync(actions) : new(await partition.SubmitAsync(actions), null);
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await LoadAsync();
            throw new StaleViewException(ex);
        }
    }
}
