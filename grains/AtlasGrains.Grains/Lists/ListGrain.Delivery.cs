using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Lists;

/// <summary>The list's deliveries to its places: right after a change, and by the reminder after any failure or a deletion.</summary>
public sealed partial class ListGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder.Name)
        {
            return;
        }

        try
        {
            // The reminder is the path that recovers from the unexpected, so it works from what is stored, not
            // from memory: rows written by a duplicate activation, or confirmations never stored, are found here.
            await _items.LoadAsync();
        }
        catch (Exception ex)
        {
            // Half-loaded state must not decide anything: the next call starts a fresh activation.
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
            DeactivateOnIdle();
            return;
        }

        try
        {
            await DeliverUnconfirmedAsync();
            await FinishDeletionAsync();
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
            return;
        }

        if (!HasUnfinishedWork)
        {
            try
            {
                await _items.SweepOutboxAsync();
            }
            catch (StaleViewException)
            {
                // Another writer got there first (reloaded): it may have something to deliver, so the reminder stays.
                return;
            }

            await _reminder.UnregisterAsync();
        }
    }

    private async Task DeliverAsync(IPlaceGrain place, PendingDelivery delivery)
    {
        try
        {
            await place.ApplyRelationChangesAsync([delivery.Change]);
        }
        catch
        {
            await _reminder.RenewAsync();
            throw;
        }

        _items.Outbox.Confirm(delivery);
    }

    private async Task DeliverUnconfirmedAsync()
    {
        foreach (var pending in _items.Outbox.Unconfirmed)
        {
            await GrainFactory.GetGrain<IPlaceGrain>(pending.PlaceId).ApplyRelationChangesAsync([pending.Change]);
            _items.Outbox.Confirm(pending);
            metrics.Redelivered(1);
        }
    }

    /// <summary>For a deleted list: tells every place still holding it that it is gone, then forgets those items.</summary>
    private async Task FinishDeletionAsync()
    {
        if (!_items.Deleted)
        {
            return;
        }

        var listId = this.GetPrimaryKeyString();
        foreach (var batch in _items.PlaceIds.ToList().Chunk(DeletionFanOut))
        {
            var removal = new RelationChange(RelationKind.List, listId, false, _items.DeletionVersion);
            await Task.WhenAll(batch.Select(placeId => GrainFactory.GetGrain<IPlaceGrain>(placeId).ApplyRelationChangesAsync([removal])));
            await _items.ForgetItemsAsync(batch);
        }
    }

    private bool HasUnfinishedWork => _items.Outbox.HasUnconfirmed || (_items.Deleted && _items.Count > 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering list {ListId} to its places failed; the reminder will try again.")]
    private partial void LogDeliveryFailed(Exception exception, string listId);
}
