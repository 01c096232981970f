using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// The "meta" row of a user's partition: the user's change sequence (each mark change's version), and through its
/// ETag the partition's single-writer guard. Every write to the partition (marks, outbox, lists) rewrites this row in
/// the same transaction, conditional on the ETag last seen. So a stale or duplicate activation fails instead of
/// overwriting, and "the ETag is still the one I know" proves nobody else wrote anything since: the delivery
/// reminder then trusts memory instead of querying the partition again. A partition without this row holds nothing.
/// </summary>
internal sealed class UserMetaRow(string userId)
{
    /// <summary>
    /// "meta|{user}": the user id repeats the partition key because Azurite looks a row up by its row key first, so a
    /// "meta" key shared by every user made each lookup scan all of them. Row keys unique across partitions cost
    /// Azure nothing. It sorts between the "mark|" and "pending|" rows, inside the ledger's range.
    /// </summary>
    public static string RowKeyOf(string userId) => $"meta|{userId}";

    public string RowKey => RowKeyOf(userId);

    public bool IsRow(TableEntity row) => row.RowKey == RowKey;

    public long Sequence { get; private set; }

    public ETag? ETag { get; private set; }

    public void Reset() => (Sequence, ETag) = (0, null);

    public void Load(TableEntity row) => (Sequence, ETag) = (row.GetInt64("Sequence") ?? 0, row.ETag);

    /// <summary>The row with this sequence, added if the partition has none yet, else replaced only if no one else wrote.</summary>
    public TableTransactionAction Write(long sequence)
    {
        var row = new TableEntity(userId, RowKey) { ["Sequence"] = sequence };
        return ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>Records what a successful transaction stored (its first action being <see cref="Write"/>).</summary>
    public void Written(long sequence, Response<IReadOnlyList<Response>> transaction) =>
        (Sequence, ETag) = (sequence, transaction.Value[0].Headers.ETag);

    /// <summary>Whether the stored row is still the one this activation last wrote or read (one point read).</summary>
    public async Task<bool> IsUnchangedAsync(TableClient table)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(userId, RowKey, ["PartitionKey"]);
        return stored.HasValue ? stored.Value?.ETag == ETag : ETag is null;
    }
}
