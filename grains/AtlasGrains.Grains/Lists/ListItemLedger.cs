using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Storage.Transactions;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Lists;

/// <summary>
/// A list's partition of the list-items table, and the truth of which places the list holds: a "meta" row
/// (owner, change sequence, deleted flag, the order of the last reorder; guarded by its ETag), one "item|{place}"
/// row per item (note, time added, the sequence that added it), and the outbox rows of changes the places have not
/// confirmed. Adding or removing an item writes meta, item and outbox rows in one entity-group transaction, like a
/// user's marks.
/// </summary>
/// <remarks>
/// The order costs an add nothing that grows with the list: an add merges the meta row's small fields and leaves
/// its stored order as it is. The order is the last reorder's (the items it covered, see
/// <see cref="OrderedThroughProperty"/>), then every item added since, in the sequence that added it. Only a
/// reorder writes the whole order (~80 KB at 1,000 items), as it must to be atomic.
/// </remarks>
internal sealed partial class ListItemLedger(TableClient table, string listId, TimeProvider clock, AtlasMetrics metrics)
{
    private const string MetaRowKey = "meta";
    private const string ItemPrefix = "item|";
    private const string AddedInProperty = "Seq";

    /// <summary>The sequence when the stored order was written: it orders the items added up to then.</summary>
    private const string OrderedThroughProperty = "OrderedThrough";

    private readonly Dictionary<string, ListItem> _items = [];
    private readonly Dictionary<string, long> _addedIn = [];
    private List<string> _order = [];
    private long _sequence;
    private ETag? _metaETag;
    private DateTimeOffset _updatedAt;
    private readonly ListRevisions _revisions = new();

    public RelationOutbox Outbox { get; } = new(listId, metrics);

    public string? OwnerId { get; private set; }

    public bool Deleted { get; private set; }

    /// <summary>The version of the deletion: newer than every item's change, so it removes them all.</summary>
    public long DeletionVersion { get; private set; }

    public bool IsLive => OwnerId is not null && !Deleted;

    public int Count => _items.Count;

    public IReadOnlyCollection<string> PlaceIds => _items.Keys;

    public ListItem? Item(string placeId) => _items.GetValueOrDefault(placeId);

    /// <summary>The contents now; for a caller holding <paramref name="held"/>, only the items it lacks when they were only added.</summary>
    public ListContents Contents(ListRevision held)
    {
        var kept = Math.Min(_revisions.KeptItemCount(held), _order.Count);
        var items = new ListItem[_order.Count - kept];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _items[_order[kept + i]];
        }

        return new ListContents(listId, OwnerId ?? "", items, _updatedAt, _revisions.Current, kept);
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _items.Clear();
        _addedIn.Clear();
        Outbox.Clear();
        (_order, _sequence, _metaETag, OwnerId, Deleted, DeletionVersion) = ([], 0, null, null, false, 0);
        long orderedThrough = 0;
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
                orderedThrough = row.GetInt64(OrderedThroughProperty) ?? 0;
                _metaETag = row.ETag;
            }
            else if (row.RowKey.StartsWith(ItemPrefix, StringComparison.Ordinal))
            {
                var placeId = row.RowKey[ItemPrefix.Length..];
                _items[placeId] = new ListItem(placeId, row.GetString("Note") ?? "", row.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.UnixEpoch);
                _addedIn[placeId] = row.GetInt64(AddedInProperty) ?? 0;
            }
            else if (RelationOutbox.IsOutboxRow(row.RowKey))
            {
                Outbox.Load(row, row.RowKey[RelationOutbox.RowPrefix.Length..], RelationKind.List, listId);
            }
        }

        // The stored order covers the items it saw; one removed since, or removed and added again, is not its to place.
        List<string> reordered = [.. _order.Where(id => _addedIn.TryGetValue(id, out var addedIn) && addedIn <= orderedThrough).Distinct()];
        _order = [.. reordered, .. _items.Keys.Except(reordered).OrderBy(id => _addedIn[id]).ThenBy(id => id, StringComparer.Ordinal)];
        _revisions.Changed(_order.Count);
    }

    public async Task InitializeAsync(string ownerId)
    {
        if (OwnerId is not null)
        {
            return;
        }

        await CommitAsync(Meta(ownerId, _sequence, deleted: false), [], order: []);
        OwnerId = ownerId;
        _revisions.Changed(_order.Count);
    }

    public async Task<PendingDelivery> AddAsync(string placeId, string note)
    {
        var item = new ListItem(placeId, note, clock.GetUtcNow());
        var change = new RelationChange(RelationKind.List, listId, true, _sequence + 1);
        var swept = Outbox.SweepCandidates(except: placeId);
        await CommitAsync(
            Meta(OwnerId!, change.Version, deleted: false),
            [ItemRow(item, change.Version, TableTransactionActionType.Add), Outbox.Upsert(placeId, change), .. swept.Select(Outbox.Delete)]);
        _items[placeId] = item;
        _addedIn[placeId] = change.Version;
        _order.Add(placeId);
        _revisions.Added();
        metrics.ListItemChanged(added: true);
        return Outbox.Written(placeId, placeId, change, swept);
    }

    public async Task UpdateNoteAsync(string placeId, string note)
    {
        var item = _items[placeId] with { Note = note };
        await CommitAsync(Meta(OwnerId!, _sequence, deleted: false), [ItemRow(item, _addedIn[placeId], TableTransactionActionType.UpdateReplace)]);
        _items[placeId] = item;
        _revisions.Changed(_order.Count);
    }

    public async Task<PendingDelivery> RemoveAsync(string placeId)
    {
        var change = new RelationChange(RelationKind.List, listId, false, _sequence + 1);
        var swept = Outbox.SweepCandidates(except: placeId);
        await CommitAsync(
            Meta(OwnerId!, change.Version, deleted: false),
            [
                new(TableTransactionActionType.Delete, new TableEntity(listId, ItemPrefix + placeId), ETag.All),
                Outbox.Upsert(placeId, change),
                .. swept.Select(Outbox.Delete),
            ]);
        _items.Remove(placeId);
        _addedIn.Remove(placeId);
        _order.Remove(placeId);
        _revisions.Changed(_order.Count);
        metrics.ListItemChanged(added: false);
        return Outbox.Written(placeId, placeId, change, swept);
    }

    /// <summary>Records whether the list holds the place again under a new version, for a place that lost track of it.</summary>
    public async Task<PendingDelivery> ResendAsync(string placeId)
    {
        var change = new RelationChange(RelationKind.List, listId, IsLive && _items.ContainsKey(placeId), _sequence + 1);
        await CommitAsync(Meta(OwnerId ?? "", change.Version, Deleted), [Outbox.Upsert(placeId, change)]);
        if (Deleted)
        {
            DeletionVersion = _sequence;
        }

        return Outbox.Written(placeId, placeId, change, []);
    }

    public async Task ReorderAsync(IReadOnlyList<string> order)
    {
        await CommitAsync(Meta(OwnerId!, _sequence, deleted: false), [], order);
        _order = [.. order];
        _revisions.Changed(_order.Count);
    }

    /// <summary>Marks the list deleted: from now on its remaining items count as removed, as of the deletion's version.</summary>
    public async Task MarkDeletedAsync(string ownerId)
    {
        if (Deleted)
        {
            return;
        }

        await CommitAsync(Meta(OwnerId ?? ownerId, _sequence + 1, deleted: true), []);
        OwnerId ??= ownerId;
        Deleted = true;
        DeletionVersion = _sequence;
        _revisions.Changed(_order.Count);
    }

    private TableEntity Meta(string ownerId, long sequence, bool deleted) => new(listId, MetaRowKey)
    {
        ["OwnerId"] = ownerId,
        ["Sequence"] = sequence,
        ["Deleted"] = deleted,
        ["UpdatedAt"] = clock.GetUtcNow(),
    };

    private TableTransactionAction ItemRow(ListItem item, long addedIn, TableTransactionActionType type) => new(
        type,
        new TableEntity(listId, ItemPrefix + item.PlaceId) { ["Note"] = item.Note, ["AddedAt"] = item.AddedAt, [AddedInProperty] = addedIn },
        ETag.All);

    /// <summary>
    /// Writes the meta row (ETag-guarded) with the other actions, or reloads and throws <see cref="StaleViewException"/>.
    /// With an <paramref name="order"/> the row is replaced, order and all; without, its small fields are merged and
    /// the stored order stays.
    /// </summary>
    private async Task CommitAsync(TableEntity meta, List<TableTransactionAction> actions, IReadOnlyList<string>? order = null)
    {
        if (order is not null)
        {
            ListOrder.Write(meta, order);
            meta[OrderedThroughProperty] = _sequence;
        }

        actions.Insert(0, _metaETag is { } etag
            ? new TableTransactionAction(order is null ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, meta, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, meta));
        try
        {
            var response = await table.SubmitEntityGroupAsync(actions);
            _metaETag = response[0].Headers.ETag;
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
