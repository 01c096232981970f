using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's durable wake-up for list work (<see cref="WakeUpEntry"/>): the row "~wake|{user}" in the user's bucket
/// (<see cref="UserRows"/>), present while a list may be half created or deleted. Written on its own before work that
/// spans several writes; the pending-owners sweeper reads each bucket's wake-up rows older than the retry period and
/// asks those users to reconcile. A mark needs none: its outbox row, in the same range, is its wake-up.
/// </summary>
internal sealed class UserWakeRow(UserPartition partition, string userId) : WakeUpEntry
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    private string RowKey => UserRows.Wake(userId);

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
