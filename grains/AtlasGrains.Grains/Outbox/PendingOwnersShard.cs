using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// One partition of the pending-owners journal, written through the silo's group commit of that partition
/// (<see cref="PartitionGroupCommit"/>): rows of many owners go out together, one operation per row, and a failed
/// transaction (a removal whose row was rewritten meanwhile fails the lot) is retried one operation at a time.
/// </summary>
internal sealed class PendingOwnersShard(PartitionGroupCommit commits, string partitionKey)
{
    /// <summary>An add, or a removal guarded by the ETag the remover last saw.</summary>
    public sealed record Operation(string OwnerKey, ETag? RemoveIf)
    {
        public static Operation Add(string ownerKey) => new(ownerKey, null);

        public static Operation Remove(string ownerKey, ETag etag) => new(ownerKey, etag);
    }

    /// <summary>Completes with the row's new ETag for an add; for a removal, a non-default ETag if the row is gone.</summary>
    public async Task<ETag> SubmitAsync(Operation operation)
    {
        try
        {
            var responses = await commits.SubmitAsync([Action(operation)]);
            return operation.RemoveIf is null ? responses[0].Headers.ETag ?? ETag.All : ETag.All;
        }
        catch (RequestFailedException ex) when (operation.RemoveIf is not null && ex.Status is 404 or 412)
        {
            // Gone already, or written again since by an owner that needs it: either way not ours to remove.
            return ex.Status == 404 ? ETag.All : default;
        }
    }

    private TableTransactionAction Action(Operation operation) => operation.RemoveIf is { } etag
        ? new TableTransactionAction(TableTransactionActionType.Delete, Row(operation.OwnerKey), etag)
        : new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(operation.OwnerKey));

    private TableEntity Row(string ownerKey) => new(partitionKey, ownerKey);
}
