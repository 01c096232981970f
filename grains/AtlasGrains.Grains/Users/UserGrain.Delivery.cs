using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Users;

/// <summary>Tidying up after deliveries, and the sweeper's call: finish what a crash or a timeout left undone.</summary>
public sealed partial class UserGrain
{
    private IGrainTimer? _tidy;

    /// <summary>
    /// Half a retry period after a delivery, the user tidies up by itself: sweeps its confirmed outbox rows (and removes
    /// its wake-up row, if list work wrote one, when nothing is left). Otherwise every user who marked would still hold
    /// its outbox rows when the sweeper comes, and be reconciled (a point read, a grain call and the same deletes): after
    /// a burst, a storm of them. One timer per burst of changes, not per change; it doesn't keep the activation alive.
    /// </summary>
    private void TidySoon() =>
        _tidy ??= this.RegisterGrainTimer(TidyAsync, new GrainTimerCreationOptions(deliveryOptions.Value.RetryPeriod / 2, Timeout.InfiniteTimeSpan));

    private async Task TidyAsync()
    {
        _tidy?.Dispose();
        _tidy = null;
        if (!HasUnfinishedWork)
        {
            await TryTidyUpAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _marks?.Outbox.Release();
        if (_marks is null || HasUnfinishedWork)
        {
            return;
        }

        if (_marks.Outbox.HasEntries)
        {
            await TryTidyUpAsync();
        }

        try
        {
            await _marks.RecordEmptyOutboxAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the next activation reads the outbox, and finds it empty.
            LogRecordingEmptyOutboxFailed(ex);
        }
    }

    /// <summary>Sweeps the confirmed outbox rows, then removes the wake-up; the caller made sure nothing is left to deliver.</summary>
    private async Task TryTidyUpAsync()
    {
        try
        {
            await _marks.SweepOutboxAsync();
            await _wakeUp.RemoveAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the rows are confirmed, so the sweeper will find nothing to deliver and sweep them.
            LogSweepFailed(ex);
        }
    }

    public async Task ReconcileAsync(string? wakeUpETag)
    {
        // The sweeper is the path that recovers from the unexpected, so it works from what is stored: rows written
        // by a duplicate activation are found here. Every write to the partition moves the meta row's ETag, so an
        // unchanged ETag proves memory is the truth, and one point read saves the partition query.
        try
        {
            if (!await _meta.IsUnchangedAsync())
            {
                await LoadPartitionAsync();
            }
        }
        catch (Exception ex)
        {
            // Half-loaded state must not decide anything: the next call starts a fresh activation.
            LogReloadFailed(ex);
            DeactivateOnIdle();
            return;
        }

        foreach (var group in _marks.Outbox.Unconfirmed.GroupBy(pending => pending.PlaceId))
        {
            await TryAsync(async () =>
            {
                await DeliverAsync(GrainFactory.GetGrain<IPlaceGrain>(group.Key), [.. group]);
                metrics.Redelivered(group.Count());
            }, group.Key);
        }

        foreach (var (listId, state) in _lists.Unfinished)
        {
            await TryAsync(() => state == ListRowState.Creating ? FinishCreationAsync(listId) : FinishDeletionAsync(listId), listId);
        }

        if (!HasUnfinishedWork)
        {
            await _marks.SweepOutboxAsync();
            await _wakeUp.RemoveAsync(wakeUpETag);
        }
    }

    private bool HasUnfinishedWork => _marks.Outbox.HasUnconfirmed || _lists.Unfinished.Count > 0;

    private async Task TryAsync(Func<Task> work, string target)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            LogRedeliveryFailed(ex, target);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing work for {Target} failed; the sweeper will ask again.")]
    private partial void LogRedeliveryFailed(Exception exception, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the user's rows to reconcile failed; the sweeper will ask again.")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeping confirmed outbox rows failed; the sweeper or a later write will.")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording the empty outbox on the meta row failed; the next activation reads the outbox.")]
    private partial void LogRecordingEmptyOutboxFailed(Exception exception);
}
