using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// The "meta" row of a user's range: the user's change sequence (each mark change's version), and through its
/// ETag the single-writer guard of the user's rows. Every write of the user's rows (marks, outbox, lists) rewrites
/// this row in the same transaction, conditional on the ETag last seen. So a stale or duplicate activation fails
/// instead of overwriting, and "the ETag is still the one I know" proves nobody else wrote anything since: reconciling
/// then trusts memory instead of querying again. A user without this row has stored nothing.
/// </summary>
internal sealed class UserMetaRow(UserPartition partition, string userId)
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    public string RowKey => UserRows.Meta(userId);

    public bool IsRow(TableEntity row) => row.RowKey == RowKey;

    public long Sequence { get; private set; }

    public ETag? ETag { get; private set; }

    public void Reset() => (Sequence, ETag) = (0, null);

    public void Load(TableEntity row) => (Sequence, ETag) = (row.GetInt64("Sequence") ?? 0, row.ETag);

    /// <summary>The row with this sequence, added if the user has none yet, else replaced only if no one else wrote.</summary>
    public TableTransactionAction Write(long sequence)
    {
        var row = partition.Row(RowKey);
        row["Sequence"] = sequence;
        return ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>Records what a successful transaction stored (its first action being <see cref="Write"/>).</summary>
    public void Written(long sequence, IReadOnlyList<Response> transaction) =>
        (Sequence, ETag) = (sequence, transaction[0].Headers.ETag);

    /// <summary>Whether the stored row is still the one this activation last wrote or read (one point read).</summary>
    public async Task<bool> IsUnchangedAsync() => await partition.MetaETagAsync() == ETag;
}
