using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// The outbox rows of a list, the truth of its places' list relations: for each relation, the newest change its place
/// has not confirmed yet, as rows "pending|{place}" of the list's own partition. The list writes an outbox row in the
/// same transaction as the change itself, delivers it, and sweeps confirmed rows later. Memory changes only after
/// storage accepted the write. (A user's outbox is in its meta row instead: <see cref="Users.UserPendingChanges"/>.)
/// </summary>
internal sealed class RelationOutbox(string partitionKey, AtlasMetrics? metrics = null) : OutboxEntries(metrics)
{
    /// <summary>The outbox rows' prefix in the list's partition.</summary>
    public const string RowPrefix = "pending|";

    /// <summary>Confirmed rows swept along with a new change, keeping its transaction well under 100 operations.</summary>
    public const int SweepPerChange = 20;

    public bool Has(string key) => Entries.ContainsKey(key);

    /// <summary>Whether a row of a list's partition is an outbox row.</summary>
    public static bool IsOutboxRow(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>Forgets the rows before they are loaded again (see <see cref="OutboxEntries.ForgetBeforeReload"/>).</summary>
    public void Clear() => ForgetBeforeReload();

    /// <summary>Takes a stored outbox row into memory: unconfirmed (it may never have reached its place) unless confirmed before a reload.</summary>
    public void Load(TableEntity row, string placeId, RelationKind kind, string memberId)
    {
        var key = row.RowKey[RowPrefix.Length..];
        var change = new RelationChange(kind, memberId, row.GetBoolean("Present") ?? false, row.GetInt64("Version") ?? 0);
        LoadEntry(new PendingDelivery(key, placeId, change, Confirmed: false, row.ETag));
    }

    public TableTransactionAction Upsert(string key, RelationChange change) => new(
        TableTransactionActionType.UpsertReplace,
        new TableEntity(partitionKey, RowPrefix + key) { ["Present"] = change.Present, ["Version"] = change.Version });

    /// <summary>Confirmed rows (other than <paramref name="except"/>) to delete in the next transaction.</summary>
    public List<string> SweepCandidates(string? except, int max = SweepPerChange) =>
        [.. Entries.Values.Where(entry => entry.Confirmed && entry.Key != except).Select(entry => entry.Key).Take(max)];

    /// <summary>Deletes the row if it is still the one this owner wrote or read (when its ETag is known), else whatever is there.</summary>
    public TableTransactionAction Delete(string key) => new(
        TableTransactionActionType.Delete,
        new TableEntity(partitionKey, RowPrefix + key),
        Entries.TryGetValue(key, out var entry) && entry.RowETag != default ? entry.RowETag : ETag.All);

    /// <summary>Records in memory what a successful transaction wrote (with the row's new ETag, when the caller has it).</summary>
    public PendingDelivery Written(string key, string placeId, RelationChange change, IEnumerable<string> swept, ETag rowETag = default)
    {
        Remove(swept);
        var entry = new PendingDelivery(key, placeId, change, Confirmed: false, rowETag);
        Put(entry);
        return entry;
    }

    /// <summary>Forgets rows deleted by some other transaction of the owner.</summary>
    public void Forget(IEnumerable<string> keys) => Remove(keys);
}
