using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's durable wake-up (<see cref="WakeUpEntry"/>): the row "~wake|{user}" in the user's bucket
/// (<see cref="UserRows"/>), present while the user may hold changes its places have not applied, or lists half
/// created or deleted. The pending-owners sweeper reads each bucket's wake-up rows older than the retry period and
/// asks those users to reconcile. Written in the same transaction as the user's first change (so a crash right after
/// it still leaves the wake-up: it can't be missing), or on its own before work that spans several writes.
/// </summary>
internal sealed class UserWakeRow(UserPartition partition, string userId) : WakeUpEntry
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    private string RowKey => UserRows.Wake(userId);

    /// <summary>Adds the row's write to a unit about to be submitted, unless this activation wrote it; the action's index, or -1.</summary>
    public int AddTo(List<TableTransactionAction> actions)
    {
        if (IsWritten)
        {
            return -1;
        }

        actions.Add(Upsert());
        return actions.Count - 1;
    }

    /// <summary>Records that the unit it was added to (at <paramref name="index"/>) landed.</summary>
    public void Written(IReadOnlyList<Response> responses, int index)
    {
        if (index >= 0)
        {
            Remember(responses[index].Headers.ETag ?? ETag.All);
        }
    }

    protected override async Task<ETag> WriteRowAsync() =>
        (await partition.SubmitAsync([Upsert()]))[0].Headers.ETag ?? ETag.All;

    protected override async Task DeleteRowAsync(ETag etag)
    {
        try
        {
            await partition.SubmitAsync([new TableTransactionAction(TableTransactionActionType.Delete, partition.Row(RowKey), etag)]);
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            // Gone already, or written again since by an activation that needs it: either way not ours to remove.
        }
    }

    private TableTransactionAction Upsert() => new(TableTransactionActionType.UpsertReplace, partition.Row(RowKey));
}
