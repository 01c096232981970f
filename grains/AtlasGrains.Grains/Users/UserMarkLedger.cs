using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's partition of the user-marks table, and the truth of that user's marks. It holds a "meta" row
/// (the user's change sequence, guarded by its ETag), one row per mark, and one outbox row per
/// (kind, place) whose newest change the place has not yet confirmed. A change writes the sequence, the
/// mark and the outbox row in one entity-group transaction: the mark and the duty to tell the place
/// become durable together, or not at all.
/// </summary>
internal sealed class UserMarkLedger(TableClient table, string userId, TimeProvider clock)
{
    private const string MetaRowKey = "meta";

    /// <summary>Confirmed outbox rows swept along with a new change, keeping the transaction well under 100 operations.</summary>
    private const int SweepPerChange = 20;

    private readonly Dictionary<MarkKey, DateTimeOffset> _marks = [];
    private readonly Dictionary<MarkKey, PendingDelivery> _outbox = [];
    private long _sequence;
    private ETag? _metaETag;

    public int Count(MarkKind kind) => _marks.Keys.Count(key => key.Kind == kind);

    public bool IsMarked(MarkKind kind, string placeId) => _marks.ContainsKey(new MarkKey(kind, placeId));

    public bool HasUnconfirmed => _outbox.Values.Any(pending => !pending.Confirmed);

    public bool HasOutbox => _outbox.Count > 0;

    public IEnumerable<PendingDelivery> Unconfirmed => _outbox.Values.Where(pending => !pending.Confirmed).ToList();

    public PendingDelivery? UnconfirmedFor(MarkKind kind, string placeId) =>
        _outbox.TryGetValue(new MarkKey(kind, placeId), out var pending) && !pending.Confirmed ? pending : null;

    public IEnumerable<MarkEntry> Marks(MarkKind kind) => _marks
        .Where(mark => mark.Key.Kind == kind)
        .Select(mark => new MarkEntry(mark.Key.PlaceId, mark.Value));

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _marks.Clear();
        _outbox.Clear();
        _sequence = 0;
        _metaETag = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {userId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == MetaRowKey)
            {
                _sequence = row.GetInt64("Sequence") ?? 0;
                _metaETag = row.ETag;
            }
            else if (MarkKey.TryParse(row.RowKey, out var key, out var isPending) && isPending)
            {
                var change = new RelationChange(key.RelationKind, userId, row.GetBoolean("Present") ?? false, row.GetInt64("Version") ?? 0);
                _outbox[key] = new PendingDelivery(key, change, Confirmed: false);
            }
            else if (MarkKey.TryParse(row.RowKey, out key, out _))
            {
                _marks[key] = row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.UnixEpoch;
            }
        }
    }

    /// <summary>
    /// Durably sets or clears the mark and records the change for its place. Throws
    /// <see cref="StaleViewException"/> (after reloading) when another writer got there first.
    /// </summary>
    public async Task<RelationChange> CommitAsync(MarkKind kind, string placeId, bool marked)
    {
        var key = new MarkKey(kind, placeId);
        var sequence = _sequence + 1;
        var change = new RelationChange(key.RelationKind, userId, marked, sequence);
        var markedAt = clock.GetUtcNow();

        var meta = new TableEntity(userId, MetaRowKey) { ["Sequence"] = sequence };
        var actions = new List<TableTransactionAction>
        {
            _metaETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, meta, etag)
                : new(TableTransactionActionType.Add, meta),
            marked
                ? new(TableTransactionActionType.Add, new TableEntity(userId, key.MarkRowKey) { ["MarkedAt"] = markedAt })
                : new(TableTransactionActionType.Delete, new TableEntity(userId, key.MarkRowKey), ETag.All),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(userId, key.PendingRowKey)
            {
                ["Present"] = marked,
                ["Version"] = sequence,
            }),
        };
        var swept = _outbox.Where(pending => pending.Value.Confirmed && pending.Key != key).Select(pending => pending.Key).Take(SweepPerChange).ToList();
        actions.AddRange(swept.Select(swept => new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(userId, swept.PendingRowKey), ETag.All)));

        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await table.SubmitTransactionAsync(actions);
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await LoadAsync();
            throw new StaleViewException(ex);
        }

        _sequence = sequence;
        _metaETag = response.Value[0].Headers.ETag;
        if (marked)
        {
            _marks[key] = markedAt;
        }
        else
        {
            _marks.Remove(key);
        }

        swept.ForEach(sweptKey => _outbox.Remove(sweptKey));
        _outbox[key] = new PendingDelivery(key, change, Confirmed: false);
        if (_metaETag is null)
        {
            await LoadAsync();
        }

        return change;
    }

    /// <summary>Notes that the place applied this change; the outbox row goes with a later write.</summary>
    public void Confirm(PendingDelivery delivered)
    {
        if (_outbox.TryGetValue(delivered.Key, out var pending) && pending.Change.Version == delivered.Change.Version)
        {
            _outbox[delivered.Key] = pending with { Confirmed = true };
        }
    }

    /// <summary>Deletes every confirmed outbox row.</summary>
    public async Task SweepConfirmedAsync()
    {
        foreach (var chunk in _outbox.Where(pending => pending.Value.Confirmed).Select(pending => pending.Key).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(
                TableTransactionActionType.Delete, new TableEntity(userId, key.PendingRowKey), ETag.All)));
            foreach (var key in chunk)
            {
                _outbox.Remove(key);
            }
        }
    }
}
