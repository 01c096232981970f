using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// The "meta" row of a user's range: the user's change sequence (each mark change's version), and through its
/// ETag the single-writer guard of the user's rows. Every write of the user's rows (marks, outbox, lists) rewrites
/// this row in the same transaction, conditional on the ETag last seen. So a stale or duplicate activation fails
/// instead of overwriting, and "the ETag is still the one I know" proves nobody else wrote anything since: reconciling
/// then trusts memory instead of querying again. A user without this row has stored nothing. It also says whether the
/// user had no outbox rows when it was written (<see cref="OutboxEmpty"/>), so that loading the user skips that query.
/// </summary>
internal sealed class UserMetaRow(UserPartition partition, string userId)
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    public string RowKey => UserRows.Meta(userId);

    public bool IsRow(TableEntity row) => row.RowKey == RowKey;

    public long Sequence { get; private set; }

    public ETag? ETag { get; private set; }

    /// <summary>
    /// True only if the transaction that last wrote the row also left the user without outbox rows: every write
    /// that adds an outbox row writes false, and only a sweep that deletes the last one writes true, both guarded by
    /// the ETag, so it can't be true while a row exists. A row without it (or an unknown answer) counts as false.
    /// </summary>
    public bool OutboxEmpty { get; private set; }

    public const string OutboxEmptyProperty = "OutboxEmpty";

    public void Reset() => (Sequence, ETag, OutboxEmpty) = (0, null, false);

    public void Load(TableEntity row) =>
        (Sequence, ETag, OutboxEmpty) = (row.GetInt64("Sequence") ?? 0, row.ETag, row.GetBoolean(OutboxEmptyProperty) ?? false);

    /// <summary>
    /// The row with this sequence, added if the user has none yet, else replaced only if no one else wrote;
    /// <paramref name="outboxEmpty"/> as the transaction leaves the outbox (unchanged when not given).
    /// </summary>
    public TableTransactionAction Write(long sequence, bool? outboxEmpty = null)
    {
        var row = partition.Row(RowKey);
        row["Sequence"] = sequence;
        row[OutboxEmptyProperty] = outboxEmpty ?? OutboxEmpty;
        return ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>Records what a successful transaction stored (its first action being <see cref="Write"/>).</summary>
    public void Written(long sequence, IReadOnlyList<Response> transaction, bool? outboxEmpty = null) =>
        (Sequence, ETag, OutboxEmpty) = (sequence, transaction[0].Headers.ETag, outboxEmpty ?? OutboxEmpty);

    /// <summary>Whether the stored row is still the one this activation last wrote or read (one point read).</summary>
    public async Task<bool> IsUnchangedAsync() => await partition.MetaETagAsync() == ETag;
}
