using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage.Transactions;
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
/// A unit may also need waking up after a crash (<see cref="SubmitWithWakeUpAsync"/>): a transaction carrying such
/// units adds one wake-up row naming their owners (<see cref="BatchWakeUp"/>), so a change needs no row of its own for it.
/// A unit may also be nothing but lines for the places' journal (<see cref="SubmitJournaledAsync"/>): a transaction
/// carrying such units adds one journal row holding all their lines (<see cref="PlaceJournalRow"/>), so many places'
/// changes cost one entity.
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

    /// <summary>
    /// What a unit's transaction answered it: one response per action, and its claim on the wake-up row if it asked for
    /// one, or on the journal row holding its lines.
    /// </summary>
    public sealed record Committed(IReadOnlyList<Response> Responses, WakeUpClaim? WakeUp);

    /// <summary>A caller's atomic write: actions, or journal lines (for the journal row in <see cref="JournalPartition"/>).</summary>
    private sealed record Unit(
        IReadOnlyList<TableTransactionAction> Actions, string? WakeUpOwner, string? JournalPartition, string? JournalLines, TaskCompletionSource<Committed> Done);

    /// <summary>Completes with one response per action, in order, once the unit is durable; faults as its own transaction would.</summary>
    public async Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions) =>
        (await Enqueue(new Unit(actions, WakeUpOwner: null, JournalPartition: null, JournalLines: null, NewDone()), MaxActions)).Responses;

    /// <summary>
    /// Stores a place's changes as lines of the journal row the next transaction carries in <paramref name="partitionKey"/>
    /// (at most <see cref="PlaceJournalRow.MaxCharacters"/>), and answers the place's claim on that row once it landed.
    /// </summary>
    public async Task<WakeUpClaim> SubmitJournaledAsync(string partitionKey, string lines)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines.Length, PlaceJournalRow.MaxCharacters);
        return (await Enqueue(new Unit([], WakeUpOwner: null, partitionKey, lines, NewDone()), MaxActions - 1)).WakeUp!;
    }

    /// <summary>
    /// As <see cref="SubmitAsync"/>, and the transaction also stores a wake-up row naming <paramref name="owner"/>; the
    /// owner releases its claim once it needs no waking up (at most 99 actions, leaving room for the row).
    /// </summary>
    public Task<Committed> SubmitWithWakeUpAsync(IReadOnlyList<TableTransactionAction> actions, string owner) =>
        Enqueue(new Unit(actions, owner, JournalPartition: null, JournalLines: null, NewDone()), MaxActions - 1);

    private static TaskCompletionSource<Committed> NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task<Committed> Enqueue(Unit unit, int maxActions)
    {
        if (unit.JournalLines is null)
        {
            ArgumentOutOfRangeException.ThrowIfZero(unit.Actions.Count);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(unit.Actions.Count, maxActions);
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
            await SubmitTogetherAsync(batch);
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

    /// <summary>
    /// Submits the units in one transaction, with a wake-up row if any asked for one and a journal row if any carries
    /// lines, and answers each its responses and its claim; throws as the transaction failed, answering none.
    /// </summary>
    private async Task SubmitTogetherAsync(IReadOnlyCollection<Unit> units)
    {
        var actions = units.SelectMany(unit => unit.Actions).ToList();
        var wakeUp = WakeUpFor(units);
        var journal = JournalFor(units);
        var wakeUpAt = actions.Count;
        if (wakeUp is { } wakeUpRow)
        {
            actions.Add(wakeUpRow.Action);
        }

        if (journal is { } journalRow)
        {
            actions.Add(journalRow.Action);
        }

        var responses = await table.SubmitEntityGroupAsync(actions);
        wakeUp?.Row.Stored(responses[wakeUpAt].Headers.ETag ?? ETag.All);
        journal?.Row.Stored(responses[^1].Headers.ETag ?? ETag.All);
        var offset = 0;
        foreach (var unit in units)
        {
            var claim = unit.WakeUpOwner is not null ? wakeUp!.Value.Row.Claim() : unit.JournalLines is not null ? journal!.Value.Row.Claim() : null;
            unit.Done.TrySetResult(new Committed([.. responses.Skip(offset).Take(unit.Actions.Count)], claim));
            offset += unit.Actions.Count;
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

    /// <summary>The wake-up row naming the batch's units that asked for one; null when none did.</summary>
    private (TableTransactionAction Action, BatchWakeUp Row)? WakeUpFor(IReadOnlyCollection<Unit> batch) =>
        batch.Where(unit => unit.WakeUpOwner is not null).Select(unit => unit.WakeUpOwner!).Distinct().ToList() is { Count: > 0 } owners
            ? BatchWakeUp.Create(this, batch.First(unit => unit.WakeUpOwner is not null).Actions[0].Entity.PartitionKey, owners, batch.Count(unit => unit.WakeUpOwner is not null))
            : null;

    /// <summary>The journal row holding the batch's lines; null when no unit carries any.</summary>
    private (TableTransactionAction Action, BatchWakeUp Row)? JournalFor(IReadOnlyCollection<Unit> batch) =>
        batch.Where(unit => unit.JournalLines is not null).ToList() is { Count: > 0 } journaled
            ? BatchWakeUp.Create(this, PlaceJournalRow.New(journaled[0].JournalPartition!, string.Concat(journaled.Select(unit => unit.JournalLines))), journaled.Count)
            : null;

    /// <summary>
    /// The next batch: whole units in arrival order, as many as fit in one transaction with its wake-up row and its
    /// journal row, and whose lines fit in one journal row.
    /// </summary>
    private List<Unit> TakeBatch()
    {
        lock (_lock)
        {
            var batch = new List<Unit>();
            var actions = 0;
            var wakeUpRow = 0;
            var journalRow = 0;
            var journalCharacters = 0;
            while (_waiting.TryPeek(out var next)
                && actions + next.Actions.Count + Math.Max(wakeUpRow, next.WakeUpOwner is null ? 0 : 1) + Math.Max(journalRow, next.JournalLines is null ? 0 : 1) <= MaxActions
                && journalCharacters + (next.JournalLines?.Length ?? 0) <= PlaceJournalRow.MaxCharacters)
            {
                batch.Add(_waiting.Dequeue());
                actions += next.Actions.Count;
                wakeUpRow = Math.Max(wakeUpRow, next.WakeUpOwner is null ? 0 : 1);
                journalRow = Math.Max(journalRow, next.JournalLines is null ? 0 : 1);
                journalCharacters += next.JournalLines?.Length ?? 0;
            }

            _flushing = batch.Count > 0;
            return batch;
        }
    }

    private async Task SubmitAloneAsync(Unit unit)
    {
        try
        {
            await SubmitTogetherAsync([unit]);
        }
        catch (Exception ex)
        {
            unit.Done.TrySetException(ex);
        }
    }
}
