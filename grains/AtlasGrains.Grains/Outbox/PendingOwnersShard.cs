using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// Group commit for one partition of the pending-owners journal, shared by every grain of the silo: operations that
/// arrive while a transaction is in flight go out together in the next one (up to 100, one per row). If a
/// transaction fails (a removal whose row was rewritten meanwhile fails the lot), each operation is retried alone.
/// Each transaction takes one of the journal's in-flight slots, shared by its shards, as in
/// <see cref="Storage.PartitionGroupCommit"/>: while they are all taken, operations queue here and the batch grows.
/// </summary>
internal sealed class PendingOwnersShard(TableClient table, string partitionKey, SemaphoreSlim inFlight)
{
    private const int MaxOperations = 100;

    private readonly Lock _lock = new();
    private readonly Queue<(Operation Operation, TaskCompletionSource<ETag> Done)> _waiting = new();
    private bool _flushing;

    /// <summary>An add, or a removal guarded by the ETag the remover last saw.</summary>
    public sealed record Operation(string OwnerKey, ETag? RemoveIf)
    {
        public static Operation Add(string ownerKey) => new(ownerKey, null);

        public static Operation Remove(string ownerKey, ETag etag) => new(ownerKey, etag);
    }

    /// <summary>Completes with the row's new ETag for an add; for a removal, a non-default ETag if the row is gone.</summary>
    public Task<ETag> SubmitAsync(Operation operation)
    {
        var done = new TaskCompletionSource<ETag>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Enqueue((operation, done));
            if (_flushing)
            {
                return done.Task;
            }

            _flushing = true;
        }

        _ = Task.Run(FlushAsync);
        return done.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            await inFlight.WaitAsync();
            try
            {
                if (TakeBatch() is not { Count: > 0 } batch)
                {
                    return;
                }

                await CommitAsync(batch);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    private async Task CommitAsync(List<(Operation Operation, TaskCompletionSource<ETag> Done)> batch)
    {
        try
        {
            var response = await table.SubmitTransactionAsync(batch.Select(item => Action(item.Operation)));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(batch[i].Operation.RemoveIf is null ? response.Value[i].Headers.ETag ?? ETag.All : ETag.All);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            await Task.WhenAll(batch.Select(item => SubmitAloneAsync(item.Operation, item.Done)));
        }
        catch (Exception ex)
        {
            await SubmitAloneAsync(batch[0].Operation, batch[0].Done, ex);
        }
    }

    /// <summary>The next batch: queued operations in order, at most one per row (a second one waits for the next batch).</summary>
    private List<(Operation Operation, TaskCompletionSource<ETag> Done)> TakeBatch()
    {
        lock (_lock)
        {
            var batch = new List<(Operation Operation, TaskCompletionSource<ETag> Done)>();
            var owners = new HashSet<string>(StringComparer.Ordinal);
            while (batch.Count < MaxOperations && _waiting.TryPeek(out var next) && owners.Add(next.Operation.OwnerKey))
            {
                batch.Add(_waiting.Dequeue());
            }

            _flushing = batch.Count > 0;
            return batch;
        }
    }

    private async Task SubmitAloneAsync(Operation operation, TaskCompletionSource<ETag> done, Exception? failedAlready = null)
    {
        try
        {
            if (operation.RemoveIf is { } etag)
            {
                await table.DeleteEntityAsync(partitionKey, operation.OwnerKey, etag);
                done.TrySetResult(ETag.All);
            }
            else if (failedAlready is not null)
            {
                done.TrySetException(failedAlready);
            }
            else
            {
                done.TrySetResult((await table.UpsertEntityAsync(Row(operation.OwnerKey), TableUpdateMode.Replace)).Headers.ETag ?? ETag.All);
            }
        }
        catch (RequestFailedException ex) when (operation.RemoveIf is not null && ex.Status is 404 or 412)
        {
            // Gone already, or written again since by an owner that needs it: either way not ours to remove.
            done.TrySetResult(ex.Status == 404 ? ETag.All : default);
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }

    private TableTransactionAction Action(Operation operation) => operation.RemoveIf is { } etag
        ? new TableTransactionAction(TableTransactionActionType.Delete, Row(operation.OwnerKey), etag)
        : new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(operation.OwnerKey));

    private TableEntity Row(string ownerKey) => new(partitionKey, ownerKey);
}
