using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Group commit for a reentrant grain: changes that arrive while a commit is in flight wait and then go
/// out together in the next one, so a hot place pays one storage transaction per batch, not per change,
/// and a quiet place pays no added latency. Runs on the grain's scheduler; not thread-safe by design.
/// </summary>
internal sealed class GroupCommitQueue(Func<IReadOnlyList<RelationChange>, Task> commit, int maxChangesPerCommit)
{
    private readonly Queue<(RelationChange[] Changes, TaskCompletionSource Done)> _waiting = new();
    private bool _committing;

    /// <summary>Runs work between commits, never beside one (a recount must not race a commit of the same rows).</summary>
    public async Task RunExclusiveAsync(Func<Task> work)
    {
        while (_committing)
        {
            await EnqueueAsync([]);
        }

        _committing = true;
        try
        {
            await work();
        }
        finally
        {
            _committing = false;
            if (_waiting.Count > 0)
            {
                _ = CommitWaitingAsync();
            }
        }
    }

    /// <summary>Completes when the changes are durable; faults when their commit failed.</summary>
    public Task EnqueueAsync(RelationChange[] changes)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((changes, done));
        if (!_committing)
        {
            _ = CommitWaitingAsync();
        }

        return done.Task;
    }

    private async Task CommitWaitingAsync()
    {
        _committing = true;
        try
        {
            while (_waiting.Count > 0)
            {
                var batch = TakeBatch();
                try
                {
                    await commit(batch.SelectMany(waiter => waiter.Changes).ToList());
                    batch.ForEach(waiter => waiter.Done.TrySetResult());
                }
                catch (Exception ex)
                {
                    batch.ForEach(waiter => waiter.Done.TrySetException(ex));
                }
            }
        }
        finally
        {
            _committing = false;
        }
    }

    private List<(RelationChange[] Changes, TaskCompletionSource Done)> TakeBatch()
    {
        var batch = new List<(RelationChange[] Changes, TaskCompletionSource Done)> { _waiting.Dequeue() };
        var size = batch[0].Changes.Length;
        while (_waiting.TryPeek(out var next) && size + next.Changes.Length <= maxChangesPerCommit)
        {
            batch.Add(_waiting.Dequeue());
            size += next.Changes.Length;
        }

        return batch;
    }
}
