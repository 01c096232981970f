using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Lists;

/// <summary>
/// A list's items (<see cref="ListItemLedger"/>). Places count the list through the same outbox as marks:
/// every add or remove is stored with its outbox row, delivered as a versioned relation change, and
/// re-delivered by the reminder after any failure. Deleting the list removes it from every place.
/// </summary>
[GrainType("list")]
public sealed partial class ListGrain(
    AtlasTables tables,
    AtlasMetrics metrics,
    IOptions<MarkDeliveryOptions> deliveryOptions,
    AtlasClock clock,
    ILogger<ListGrain> logger)
    : Grain, IListGrain, IRemindable
{
    public const int MaxItems = 1000;
    private const int MaxDecisionAttempts = 3;
    private const int DeletionFanOut = 16;

    private ListItemLedger _items = null!;
    private DeliveryReminder _reminder = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _items = new ListItemLedger(await tables.ListItemsAsync(), this.GetPrimaryKeyString(), clock.Time, metrics);
        _reminder = new DeliveryReminder(this, deliveryOptions);
        await _items.LoadAsync(cancellationToken);
        if (HasUnfinishedWork)
        {
            await _reminder.RenewAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _items?.Outbox.Release();
        return Task.CompletedTask;
    }

    public Task InitializeAsync(string ownerId) => _items.InitializeAsync(ownerId);

    public Task<ListContents?> GetContentsAsync(ListRevision held) => Task.FromResult(_items.IsLive ? _items.Contents(held) : null);

    public Task<ListChangeOutcome> PutItemAsync(string actingUserId, string placeId, string? note, ListRevision held) =>
        ChangeAsync(actingUserId, placeId, held, async () =>
        {
            if (_items.Item(placeId) is { } existing)
            {
                if (note is not null && note != existing.Note)
                {
                    await _items.UpdateNoteAsync(placeId, note);
                }

                // A retry after a timeout must still get an unconfirmed add to the place.
                return (ListChangeStatus.Done, _items.Outbox.UnconfirmedFor(placeId));
            }

            if (_items.Count >= MaxItems)
            {
                return (ListChangeStatus.TooManyItems, null);
            }

            await _reminder.EnsureRegisteredAsync();
            return (ListChangeStatus.Done, await _items.AddAsync(placeId, note ?? ""));
        });

    public Task<ListChangeOutcome> RemoveItemAsync(string actingUserId, string placeId, ListRevision held) =>
        ChangeAsync(actingUserId, placeId, held, async () =>
        {
            if (_items.Item(placeId) is null)
            {
                return (ListChangeStatus.Done, _items.Outbox.UnconfirmedFor(placeId));
            }

            await _reminder.EnsureRegisteredAsync();
            return (ListChangeStatus.Done, await _items.RemoveAsync(placeId));
        });

    public async Task<ListChangeOutcome> ReorderAsync(string actingUserId, string[] placeIds, ListRevision held)
    {
        if (!IsOwner(actingUserId))
        {
            return new ListChangeOutcome(ListChangeStatus.ListNotFound, null);
        }

        if (placeIds.Length != _items.Count || placeIds.Distinct().Count() != placeIds.Length || !placeIds.All(id => _items.Item(id) is not null))
        {
            return new ListChangeOutcome(ListChangeStatus.NotTheCurrentItems, null);
        }

        await _items.ReorderAsync(placeIds);
        return Done(held);
    }

    public async Task ResendItemAsync(string placeId)
    {
        await _reminder.EnsureRegisteredAsync();
        var pending = await _items.ResendAsync(placeId);
        await DeliverAsync(GrainFactory.GetGrain<IPlaceGrain>(placeId), pending);
    }

    public async Task DeleteAsync(string ownerId)
    {
        if (_items.OwnerId is { } owner && owner != ownerId)
        {
            return;
        }

        if (!_items.Deleted)
        {
            await _reminder.EnsureRegisteredAsync();
            await _items.MarkDeletedAsync(ownerId);
        }

        try
        {
            await FinishDeletionAsync();
        }
        catch (Exception ex)
        {
            // The list is deleted; the reminder finishes taking it out of its places.
            LogDeliveryFailed(ex, this.GetPrimaryKeyString());
            await _reminder.RenewAsync();
        }
    }

    /// <summary>Runs an item change: owner and place checks, the decision (retried if storage moved under us), the delivery.</summary>
    private async Task<ListChangeOutcome> ChangeAsync(
        string actingUserId, string placeId, ListRevision held, Func<Task<(ListChangeStatus Status, PendingDelivery? Delivery)>> decide)
    {
        if (!IsOwner(actingUserId))
        {
            return new ListChangeOutcome(ListChangeStatus.ListNotFound, null);
        }

        var place = GrainFactory.GetGrain<IPlaceGrain>(placeId);
        if (await place.GetStatsAsync() is null)
        {
            return new ListChangeOutcome(ListChangeStatus.PlaceNotFound, null);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (status, delivery) = await decide();
                if (status != ListChangeStatus.Done)
                {
                    return new ListChangeOutcome(status, null);
                }

                if (delivery is not null)
                {
                    await DeliverAsync(place, delivery);
                }

                return Done(held);
            }
            catch (StaleViewException) when (attempt < MaxDecisionAttempts && IsOwner(actingUserId))
            {
                // Reloaded: decide again on what is stored now.
            }
        }
    }

    private bool IsOwner(string userId) => _items.IsLive && _items.OwnerId == userId;

    private ListChangeOutcome Done(ListRevision held) => new(ListChangeStatus.Done, _items.Contents(held));
}
