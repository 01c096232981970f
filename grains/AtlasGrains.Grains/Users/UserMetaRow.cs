using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// The "meta" row of a user's range: the user's change sequence (each mark change's version), the user's outbox
/// (<see cref="Pending"/>), its first marks (<see cref="InlineMarks"/>), and through its ETag the single-writer guard of
/// the user's rows. Every write of the user's
/// rows (marks, lists) rewrites this row in the same transaction, conditional on the ETag last seen. So a stale or
/// duplicate activation fails instead of overwriting, and "the ETag is still the one I know" proves nobody else wrote
/// anything since: reconciling then trusts memory instead of querying again. A user without this row has stored nothing.
/// </summary>
/// <param name="currentMarks">The marks the row holds now, as stored (<see cref="InlineMarks.Format"/>).</param>
internal sealed class UserMetaRow(UserPartition partition, string userId, UserPendingChanges pending, Func<string?> currentMarks)
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    public string RowKey => UserRows.Meta(userId);

    public bool IsRow(TableEntity row) => row.RowKey == RowKey;

    public long Sequence { get; private set; }

    public ETag? ETag { get; private set; }

    /// <summary>The changes the places may not have applied, stored in this row with every write of it.</summary>
    public UserPendingChanges Pending => pending;

    public void Reset() => (Sequence, ETag) = (0, null);

    public void Load(TableEntity row)
    {
        (Sequence, ETag) = (row.GetInt64("Sequence") ?? 0, row.ETag);
        pending.Load(row.GetString(UserPendingChanges.Property));
    }

    /// <summary>
    /// The row with this sequence, the unconfirmed changes (with <paramref name="adding"/>) and the marks it holds now,
    /// added if the user has none yet, else replaced only if no one else wrote.
    /// </summary>
    public TableTransactionAction Write(long sequence, PendingDelivery? adding = null) => Write(sequence, adding, currentMarks());

    /// <summary>As <see cref="Write(long, PendingDelivery?)"/>, with the marks the row is to hold instead (a mark's change).</summary>
    public TableTransactionAction Write(long sequence, PendingDelivery? adding, string? marks)
    {
        var row = partition.Row(RowKey);
        row["Sequence"] = sequence;
        if (pending.ToStore(adding) is { } stored)
        {
            row[UserPendingChanges.Property] = stored;
        }

        if (marks is not null)
        {
            row[InlineMarks.Property] = marks;
        }

        return ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    /// <summary>
    /// Records what a successful transaction stored (its first action being <see cref="Write"/>), with the claim on the
    /// transaction's wake-up row if it took one.
    /// </summary>
    public void Written(long sequence, IReadOnlyList<Response> transaction, PendingDelivery? added = null, WakeUpClaim? wakeUp = null)
    {
        (Sequence, ETag) = (sequence, transaction[0].Headers.ETag);
        pending.Stored(added, wakeUp);
    }

    /// <summary>Whether the stored row is still the one this activation last wrote or read (one point read).</summary>
    public async Task<bool> IsUnchangedAsync() => await partition.MetaETagAsync() == ETag;
}
