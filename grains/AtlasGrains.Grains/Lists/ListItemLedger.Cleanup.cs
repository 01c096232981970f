using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Storage.Transactions;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Lists;

/// <summary>Removing what is done with: confirmed outbox rows, and a deleted list's items once their places let go.</summary>
internal sealed partial class ListItemLedger
{
    /// <summary>
    /// Deletes the confirmed outbox rows, each transaction with the meta row (ETag-guarded), so that a row another
    /// writer wrote again since (a change perhaps undelivered) is never deleted.
    /// </summary>
    public async Task SweepOutboxAsync()
    {
        while (Outbox.SweepCandidates(except: null, max: PartitionGroupCommit.MaxActions - 1) is { Count: > 0 } swept)
        {
            await CommitAsync(Meta(OwnerId ?? "", _sequence, Deleted), [.. swept.Select(Outbox.Delete)]);
            Outbox.Forget(swept);
        }
    }

    /// <summary>Deletes the rows of items of a deleted list whose places confirmed the deletion.</summary>
    public async Task ForgetItemsAsync(IReadOnlyCollection<string> placeIds)
    {
        foreach (var chunk in placeIds.Chunk(50))
        {
            var pending = chunk.Where(Outbox.Has).ToList();
            await table.SubmitEntityGroupAsync(
                [
                    .. chunk.Select(placeId => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(listId, ItemPrefix + placeId), ETag.All)),
                    .. pending.Select(Outbox.Delete),
                ]);
            foreach (var placeId in chunk)
            {
                _items.Remove(placeId);
                _addedIn.Remove(placeId);
            }

            Outbox.Forget(pending);
        }

        _revisions.Changed(_order.Count);
    }
}
