using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Users;

/// <summary>Tidying up as the activation goes away, and the sweeper's call: finish what a crash or a timeout left undone.</summary>
public sealed partial class UserGrain
{
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _marks?.Outbox.Release();
        if (_marks is null || HasUnfinishedWork)
        {
            return;
        }

        try
        {
            await _marks.DropConfirmedAsync();
            if (_wakeUp is { } wakeUp)
            {
                // Only a row this activation wrote is removed here; without one, there is nothing to do.
                await wakeUp.RemoveAsync();
            }
        }
        catch (Exception ex)
        {
            // Harmless: the next activation delivers the confirmed changes again (no-ops for their places), and the
            // sweeper finds the wake-up row and removes it.
            LogTidyingUpFailed(ex);
        }
    }

    public async Task<bool> ReconcileAsync(string? wakeUpETag)
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
            return false;
        }

        await RedeliverAsync();
        foreach (var (listId, state) in Lists.Unfinished)
        {
            await TryAsync(() => state == ListRowState.Creating ? FinishCreationAsync(listId) : FinishDeletionAsync(listId), listId);
        }

        if (HasUnfinishedWork)
        {
            return false;
        }

        await WakeUp.RemoveAsync(wakeUpETag);
        return true;
    }

    private bool HasUnfinishedWork => _marks.Outbox.HasUnconfirmed || _lists?.Unfinished.Count > 0;

    /// <summary>Delivers every change in the outbox its place has not confirmed; one that fails stays for the sweeper.</summary>
    private async Task RedeliverAsync()
    {
        foreach (var group in _marks.Outbox.Unconfirmed.GroupBy(pending => pending.PlaceId))
        {
            await TryAsync(async () =>
            {
                await DeliverAsync(GrainFactory.GetGrain<IPlaceGrain>(group.Key), [.. group]);
                metrics.Redelivered(group.Count());
            }, group.Key);
        }
    }

    /// <summary>
    /// An activation that loads changes its places may not have (left by one that died, or whose delivery failed)
    /// delivers them right after its first call, instead of waiting for the sweeper's next visit: a returning user's
    /// counts converge at once. Those its places had already are no-ops there. A one-shot timer, so it never holds up the
    /// call that loaded them.
    /// </summary>
    private void RedeliverSoon() => _redelivery ??= this.RegisterGrainTimer(
        async () =>
        {
            _redelivery?.Dispose();
            _redelivery = null;
            await RedeliverAsync();
        },
        new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

    private IGrainTimer? _redelivery;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Tidying up as the user goes away failed; the next activation or the sweeper will.")]
    private partial void LogTidyingUpFailed(Exception exception);
}
