using System.Collections.Frozen;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The outbox rows of an owner (a user or a list) that is the truth of some relations:
/// for each relation, the newest change its place has not confirmed yet. The owner writes an
/// outbox row in the same transaction as the change itself, delivers it, and sweeps confirmed rows later.
/// Memory changes only after storage accepted the write.
/// </summary>
/// <param name="userId">
/// The user who owns the outbox, whose rows share a bucket with other users' and so start with the user id
/// ("{user}|pending|{key}", see <see cref="Users.UserRows"/>); null for a list, whose partition is its own ("pending|{key}").
/// </param>
internal sealed class RelationOutbox(string partitionKey, string? userId, AtlasMetrics? metrics = null)
{
    /// <summary>The outbox rows' prefix in a partition of the owner's own (a list's).</summary>
    public const string RowPrefix = "pending|";

    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    private string OwnRowPrefix => userId is null ? RowPrefix : Users.UserRows.OutboxPrefix(userId);

    /// <summary>Confirmed rows swept along with a new change, keeping its transaction well under 100 operations.</summary>
    public const int SweepPerChange = 20;

    // Both allocated only when needed: most owners hold no outbox rows, and an empty dictionary costs 80 bytes.
    private Dictionary<string, PendingDelivery>? _entries;
    private Dictionary<string, long>? _confirmedBeforeReload;
    private int _reportedBacklog;

    private IReadOnlyDictionary<string, PendingDelivery> Entries =>
        (IReadOnlyDictionary<string, PendingDelivery>?)_entries ?? FrozenDictionary<string, PendingDelivery>.Empty;

    public bool HasEntries => Entries.Count > 0;

    public bool HasUnconfirmed => Entries.Values.Any(entry => !entry.Confirmed);

    public IReadOnlyList<PendingDelivery> Unconfirmed => [.. Entries.Values.Where(entry => !entry.Confirmed)];

    public PendingDelivery? UnconfirmedFor(string key) =>
        Entries.TryGetValue(key, out var entry) && !entry.Confirmed ? entry : null;

    public bool Has(string key) => Entries.ContainsKey(key);

    /// <summary>Whether a row of a list's partition is an outbox row.</summary>
    public static bool IsOutboxRow(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Forgets the rows before they are loaded again, but remembers which versions their places confirmed: a row
    /// read back with the same version needs no second delivery.
    /// </summary>
    public void Clear()
    {
        var confirmed = Entries.Values.Where(entry => entry.Confirmed).ToList();
        _confirmedBeforeReload = confirmed.Count == 0 ? null : confirmed.ToDictionary(entry => entry.Key, entry => entry.Change.Version);
        _entries?.Clear();
        ReportBacklog();
    }

    /// <summary>Stops counting this outbox in the backlog metric (the activation is going away; its rows stay).</summary>
    public void Release()
    {
        metrics?.OutboxBacklogChanged(-_reportedBacklog);
        _reportedBacklog = 0;
    }

    /// <summary>Takes a stored outbox row into memory: unconfirmed (it may never have reached its place) unless confirmed before a reload.</summary>
    public void Load(TableEntity row, string placeId, RelationKind kind, string memberId)
    {
        var key = row.RowKey[OwnRowPrefix.Length..];
        var change = new RelationChange(kind, memberId, row.GetBoolean("Present") ?? false, row.GetInt64("Version") ?? 0);
        var confirmed = _confirmedBeforeReload?.TryGetValue(key, out var version) == true && version == change.Version;
        (_entries ??= [])[key] = new PendingDelivery(key, placeId, change, confirmed, row.ETag);
        ReportBacklog();
    }

    public TableTransactionAction Upsert(string key, RelationChange change) => new(
        TableTransactionActionType.UpsertReplace,
        new TableEntity(partitionKey, OwnRowPrefix + key) { ["Present"] = change.Present, ["Version"] = change.Version });

    /// <summary>Confirmed rows (other than <paramref name="except"/>) to delete in the next transaction.</summary>
    public List<string> SweepCandidates(string? except, int max = SweepPerChange) =>
        [.. Entries.Values.Where(entry => entry.Confirmed && entry.Key != except).Select(entry => entry.Key).Take(max)];

    /// <summary>Deletes the row if it is still the one this owner wrote or read (when its ETag is known), else whatever is there.</summary>
    public TableTransactionAction Delete(string key) => new(
        TableTransactionActionType.Delete,
        new TableEntity(partitionKey, OwnRowPrefix + key),
        Entries.TryGetValue(key, out var entry) && entry.RowETag != default ? entry.RowETag : ETag.All);

    /// <summary>Records in memory what a successful transaction wrote (with the row's new ETag, when the caller has it).</summary>
    public PendingDelivery Written(string key, string placeId, RelationChange change, IEnumerable<string> swept, ETag rowETag = default)
    {
        foreach (var sweptKey in swept)
        {
            _entries?.Remove(sweptKey);
        }

        var entry = (_entries ??= [])[key] = new PendingDelivery(key, placeId, change, Confirmed: false, rowETag);
        ReportBacklog();
        return entry;
    }

    /// <summary>Notes that the place applied this change; its row goes with a later write.</summary>
    public void Confirm(PendingDelivery delivered)
    {
        if (_entries is not null && _entries.TryGetValue(delivered.Key, out var entry) && entry.Change.Version == delivered.Change.Version)
        {
            _entries[delivered.Key] = entry with { Confirmed = true };
            ReportBacklog();
        }
    }

    /// <summary>Forgets rows deleted by some other transaction of the owner.</summary>
    public void Forget(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _entries?.Remove(key);
        }

        ReportBacklog();
    }

    private void ReportBacklog()
    {
        var backlog = Entries.Values.Count(entry => !entry.Confirmed);
        metrics?.OutboxBacklogChanged(backlog - _reportedBacklog);
        _reportedBacklog = backlog;
    }
}
