using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Users;

/// <summary>The reminder's work: finish what a crash or a timeout left undone, then stop reminding.</summary>
public sealed partial class UserGrain
{
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _marks?.Outbox.Release();
        if (_marks is null || !_marks.Outbox.HasEntries || HasUnfinishedWork)
        {
            return;
        }

        try
        {
            await _marks.Outbox.SweepConfirmedAsync(await tables.UserMarksAsync());
            await _reminder.UnregisterAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the rows are confirmed, so the reminder will find nothing to deliver and sweep them.
            LogSweepFailed(ex);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder.Name)
        {
            return;
        }

        // The reminder is the path that recovers from the unexpected, so it works from what is stored: rows written
        // by a duplicate activation are found here. Every write to the partition moves the meta row's ETag, so an
        // unchanged ETag proves memory is the truth, and one point read saves the partition query.
        try
        {
            if (!await _meta.IsUnchangedAsync(await tables.UserMarksAsync()))
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
            await _marks.Outbox.SweepConfirmedAsync(await tables.UserMarksAsync());
            await _reminder.UnregisterAsync();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing work for {Target} failed; the reminder will try again.")]
    private partial void LogRedeliveryFailed(Exception exception, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the user's rows for the delivery reminder failed; it will try again.")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeping confirmed outbox rows at deactivation failed.")]
    private partial void LogSweepFailed(Exception exception);
}
