using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Lists;

/// <summary>
/// A list's partition of the list-items table, and the truth of which places the list holds: a "meta" row
/// (owner, change sequence, deleted flag, item order; guarded by its ETag), one "item|{place}" row per item
/// (note, time added), and the outbox rows of changes the places have not confirmed. Adding or removing an
/// item writes meta, item and outbox rows in one entity-group transaction, like a user's marks.
/// </summary>
internal sealed class ListItemLedger(TableClient table, string listId, TimeProvider clock, AtlasMetrics metrics)
{
    private const string MetaRowKey = "meta";
    private const string ItemPrefix = "item|";

    private readonly Dictionary<string, ListItem> _items = [];
    private List<string> _order = [];
    private long _sequence;
    private ETag? _metaETag;
    private DateTimeOffset _updatedAt;

    public RelationOutbox Outbox { get; } = new(listId, metrics.OutboxBacklogChanged);

    public string? OwnerId { get; private set; }

    public bool Deleted { get; private set; }

    /// <summary>The version of the deletion: newer than every item's change, so it removes them all.</summary>
    public long DeletionVersion { get; private set; }

    public bool IsLive => OwnerId is not null && !Deleted;

    public int Count => _items.Count;

    public IReadOnlyCollection<string> PlaceIds => _items.Keys;

    public ListItem? Item(string placeId) => _items.GetValueOrDefault(placeId);

    public ListContents Contents() => new(listId, OwnerId ?? "", [.. _order.Select(placeId => _items[placeId])], _updatedAt);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _items.Clear();
        Outbox.Clear();
        (_order, _sequence, _metaETag, OwnerId, Deleted, DeletionVersion) = ([], 0, null, null, false, 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {listId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == MetaRowKey)
            {
                OwnerId = row.GetString("OwnerId");
                _sequence = row.GetInt64("Sequence") ?? 0;
                Deleted = row.GetBoolean("Deleted") ?? false;
                DeletionVersion = Deleted ? _sequence : 0;
                _updatedAt = row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch;
                _order = ListOrder.Read(row);
                _metaETag = row.ETag;
            }
            else if (row.RowKey.StartsWith(ItemPrefix, StringComparison.Ordinal))
            {
                var placeId = row.RowKey[ItemPrefix.Length..];
                _items[placeId] = new ListItem(placeId, row.GetString("Note") ?? "", row.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.UnixEpoch);
            }
            else if (RelationOutbox.IsOutboxRow(row.RowKey))
            {
                Outbox.Load(row, row.RowKey[RelationOutbox.RowPrefix.Length..], RelationKind.List, listId);
            }
        }

        // The order and the item rows change in one transaction; this only guards against a hand-edited table.
        _order = [.. _order.Where(_items.ContainsKey).Distinct(), .. _items.Keys.Except(_order)];
    }

    public async Task InitializeAsync(string ownerId)
    {
        if (OwnerId is not null)
        {
            return;
        }

        await CommitAsync(Meta(ownerId, _sequence, deleted: false, _order), []);
        OwnerId = ownerId;
    }

    public async Task<PendingDelivery> AddAsync(string placeId, string note)
    {
        var item = new ListItem(placeId, note, clock.GetUtcNow());
        var change = new RelationChange(RelationKind.List, listId, true, _sequence + 1);
        var swept = Outbox.SweepCandidates(except: placeId);
        await CommitAsync(
            Meta(OwnerId!, change.Version, deleted: false, [.. _order, placeId]),
            [ItemRow(item, TableTransactionActionType.Add), Outbox.Upsert(placeId, change), .. swept.Select(Outbox.Delete)]);
        _items[placeId] = item;
        _order.Add(placeId);
        metrics.ListItemChanged(added: true);
        return Outbox.Written(placeId, placeId, change, swept);
    }

    public async Task UpdateNoteAsync(string placeId, string note)
    {
        var item = _items[placeId] with { Note = note };
        await CommitAsync(Meta(OwnerId!, _sequence, deleted: false, _order), [ItemRow(item, TableTransactionActionType.UpdateReplace)]);
        _items[placeId] = item;
    }

    public async Task<PendingDelivery> RemoveAsync(string placeId)
    {
        var change = new RelationChange(RelationKind.List, listId, false, _sequence + 1);
        var swept = Outbox.SweepCandidates(except: placeId);
        await CommitAsync(
            Meta(OwnerId!, change.Version, deleted: false, [.. _order.Where(id => id != placeId)]),
            [
                new(TableTransactionActionType.Delete, new TableEntity(listId, ItemPrefix + placeId), ETag.All),
                Outbox.Upsert(placeId, change),
                .. swept.Select(Outbox.Delete),
            ]);
        _items.Remove(placeId);
        _order.Remove(placeId);
        metrics.ListItemChanged(added: false);
        return Outbox.Written(placeId, placeId, change, swept);
    }

    /// <summary>Records whether the list holds the place again under a new version, for a place that lost track of it.</summary>
    public async Task<PendingDelivery> ResendAsync(string placeId)
    {
        var change = new RelationChange(RelationKind.List, listId, IsLive && _items.ContainsKey(placeId), _sequence + 1);
        await CommitAsync(Meta(OwnerId ?? "", change.Version, Deleted, _order), [Outbox.Upsert(placeId, change)]);
        if (Deleted)
        {
            DeletionVersion = _sequence;
        }

        return Outbox.Written(placeId, placeId, change, []);
    }

    public async Task ReorderAsync(IReadOnlyList<string> order)
    {
        await CommitAsync(Meta(OwnerId!, _sequence, deleted: false, order), []);
        _order = [.. order];
    }

    /// <summary>Marks the list deleted: from now on its remaining items count as removed, as of the deletion's version.</summary>
    public async Task MarkDeletedAsync(string ownerId)
    {
        if (Deleted)
        {
            return;
        }

        await CommitAsync(Meta(OwnerId ?? ownerId, _sequence + 1, deleted: true, _order), []);
        OwnerId ??= ownerId;
        Deleted = true;
        DeletionVersion = _sequence;
    }

    /// <summary>Deletes the rows of items of a deleted list whose places confirmed the deletion.</summary>
    public async Task ForgetItemsAsync(IReadOnlyCollection<string> placeIds)
    {
        foreach (var chunk in placeIds.Chunk(50))
        {
            var pending = chunk.Where(Outbox.Has).ToList();
            await table.SubmitTransactionAsync(
                [
                    .. chunk.Select(placeId => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(listId, ItemPrefix + placeId), ETag.All)),
                    .. pending.Select(Outbox.Delete),
                ]);
            foreach (var placeId in chunk)
            {
                _items.Remove(placeId);
            }

            Outbox.Forget(pending);
        }
    }

    private TableEntity Meta(string ownerId, long sequence, bool deleted, IReadOnlyList<string> order)
    {
        var row = new TableEntity(listId, MetaRowKey)
        {
            ["OwnerId"] = ownerId,
            ["Sequence"] = sequence,
            ["Deleted"] = deleted,
            ["UpdatedAt"] = clock.GetUtcNow(),
        };
        ListOrder.Write(row, order);
        return row;
    }

    private TableTransactionAction ItemRow(ListItem item, TableTransactionActionType type) => new(
        type, new TableEntity(listId, ItemPrefix + item.PlaceId) { ["Note"] = item.Note, ["AddedAt"] = item.AddedAt }, ETag.All);

    /// <summary>Writes the meta row (ETag-guarded) with the other actions, or reloads and throws <see cref="StaleViewException"/>.</summary>
    private async Task CommitAsync(TableEntity meta, List<TableTransactionAction> actions)
    {
        actions.Insert(0, _metaETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, meta, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, meta));
        try
        {
            var response = await table.SubmitTransactionAsync(actions);
            _metaETag = response.Value[0].Headers.ETag;
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await LoadAsync();
            throw new StaleViewException(ex);
        }

        _sequence = meta.GetInt64("Sequence") ?? _sequence;
        _updatedAt = meta.GetDateTimeOffset("UpdatedAt") ?? _updatedAt;
        if (_metaETag is null)
        {
            await LoadAsync();
        }
    }
}
