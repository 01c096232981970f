using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Storage;

/// <summary>
/// Group commit for one partition that many grains write, shared by every grain of the silo. Each caller's actions
/// are a unit that must land whole (one grain's atomic write); units that arrive while a transaction is in flight go
/// out together in the next one, up to 100 actions, so many grains' writes cost one request instead of one each.
/// A shared transaction fails as a whole if any unit in it fails (an ETag another writer moved). Storage names the
/// action that failed, so its unit is submitted again on its own and gets the answer its own transaction would have
/// had, while the others go out together again; when it can't tell (an answer lost), every unit is submitted on its
/// own. Either way the others land, and the loser sees its conflict. Units must guard themselves (ETags, inserts)
/// so that submitting one again after an answer that was lost is refused rather than applied twice, as every writer
/// of our tables already does.
/// Each transaction also takes one of the in-flight slots of its kind of bucket
/// (<see cref="AtlasStorageOptions.TransactionsInFlight"/>), shared with the other buckets of that kind: while they
/// are all taken, units queue here and the batch grows.
/// </summary>
internal sealed class PartitionGroupCommit(TableClient table, SemaphoreSlim inFlight)
{
    public const int MaxActions = 100;

    private readonly Lock _lock = new();
    private readonly Queue<Unit> _waiting = new();
    private bool _flushing;

    private sealed record Unit(IReadOnlyList<TableTransactionAction> Actions, TaskCompletionSource<IReadOnlyList<Response>> Done);

    /// <summary>Completes with one response per action, in order, once the unit is durable; faults as its own transaction would.</summary>
    public Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(actions.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actions.Count, MaxActions);
        var unit = new Unit(actions, new TaskCompletionSource<IReadOnlyList<Response>>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            _waiting.Enqueue(unit);
            if (_flushing)
            {
                return unit.Done.Task;
            }

            _flushing = true;
        }

        _ = Task.Run(FlushAsync);
        return unit.Done.Task;
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

    private async Task CommitAsync(List<Unit> batch)
    {
        if (batch.Count == 1)
        {
            await SubmitAloneAsync(batch[0]);
            return;
        }

        try
        {
            var responses = (await table.SubmitTransactionAsync(batch.SelectMany(unit => unit.Actions))).Value;
            var offset = 0;
            foreach (var unit in batch)
            {
                unit.Done.TrySetResult([.. responses.Skip(offset).Take(unit.Actions.Count)]);
                offset += unit.Actions.Count;
            }
        }
        catch (TableTransactionFailedException failed) when (UnitAt(batch, failed.FailedTransactionActionIndex) is { } loser)
        {
            // One transaction for the others, not one each: a guess that failed (a member or a user taken as new)
            // would otherwise cost every writer that shared its transaction a request of its own.
            batch.Remove(loser);
            await Task.WhenAll(SubmitAloneAsync(loser), CommitAsync(batch));
        }
        catch (Exception)
        {
            await Task.WhenAll(batch.Select(SubmitAloneAsync));
        }
    }

    /// <summary>The unit holding the batch's action at this index, if storage named one.</summary>
    private static Unit? UnitAt(List<Unit> batch, int? actionIndex)
    {
        var offset = 0;
        foreach (var unit in batch)
        {
            if (actionIndex < offset + unit.Actions.Count)
            {
                return actionIndex >= offset ? unit : null;
            }

            offset += unit.Actions.Count;
        }

        return null;
    }

    /// <summary>The next batch: whole units in arrival order, as many as fit in one transaction.</summary>
    private List<Unit> TakeBatch()
    {
        lock (_lock)
        {
            var batch = new List<Unit>();
            var actions = 0;
            while (_waiting.TryPeek(out var next) && actions + next.Actions.Count <= MaxActions)
            {
                batch.Add(_waiting.Dequeue());
                actions += next.Actions.Count;
            }

            _flushing = batch.Count > 0;
            return batch;
        }
    }

    private async Task SubmitAloneAsync(Unit unit)
    {
        try
        {
            unit.Done.TrySetResult((await table.SubmitTransactionAsync(unit.Actions)).Value);
        }
        catch (Exception ex)
        {
            unit.Done.TrySetException(ex);
        }
    }
}
