using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user: profile in grain storage, marks in the user-marks table (<see cref="UserMarkLedger"/>).
/// The marks are the truth; places follow through the outbox, re-delivered by a reminder after any failure.
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("profile", StorageNames.GrainState)] IPersistentState<UserProfileState> profile,
    AtlasTables tables,
    IOptions<MarkDeliveryOptions> deliveryOptions,
    TimeProvider clock,
    ILogger<UserGrain> logger)
    : Grain, IUserGrain, IRemindable
{
    internal const string DeliveryReminder = "deliver-marks";
    private const int MaxDecisionAttempts = 3;

    private UserMarkLedger _marks = null!;
    private bool _reminderRegistered;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _marks = new UserMarkLedger(await tables.UserMarksAsync(), UserId, clock);
        await _marks.LoadAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_marks is null || !_marks.HasOutbox || _marks.HasUnconfirmed)
        {
            return;
        }

        try
        {
            await _marks.SweepConfirmedAsync();
            await UnregisterDeliveryReminderAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the rows are confirmed, so the reminder will find nothing to deliver and sweep them.
            LogSweepFailed(ex);
        }
    }

    public async Task CreateProfileAsync(string email, string displayName)
    {
        if (profile.RecordExists)
        {
            return;
        }

        profile.State = new UserProfileState { Email = email, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        try
        {
            await profile.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(profile.RecordExists
        ? new UserProfile(UserId, profile.State.Email, profile.State.DisplayName, profile.State.CreatedAt)
        : null);

    public Task<UserStats> GetStatsAsync() =>
        Task.FromResult(new UserStats(_marks.Count(MarkKind.BeenHere), _marks.Count(MarkKind.WantToGo), 0));

    public async Task<MarkOutcome> SetMarkAsync(string placeId, MarkKind kind, bool marked)
    {
        var place = GrainFactory.GetGrain<IPlaceGrain>(placeId);
        if (await place.GetStatsAsync() is not { } stats)
        {
            return Outcome(placeId, null);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (_marks.IsMarked(kind, placeId) == marked)
            {
                // Nothing to change, but a retry after a timeout must still get the change to the place.
                if (_marks.UnconfirmedFor(kind, placeId) is { } unconfirmed)
                {
                    stats = await DeliverAsync(place, [unconfirmed]);
                }

                return Outcome(placeId, stats);
            }

            // The reminder is registered before the change is stored: a crash right after the store must
            // still leave something that wakes this user up to finish the delivery.
            await EnsureDeliveryReminderAsync();
            try
            {
                var change = await _marks.CommitAsync(kind, placeId, marked);
                stats = await DeliverAsync(place, [new PendingDelivery(new MarkKey(kind, placeId), change, false)]);
                return Outcome(placeId, stats);
            }
            catch (StaleViewException) when (attempt < MaxDecisionAttempts)
            {
                // Reloaded: decide again on what is stored now.
            }
        }
    }

    public Task<UserPlaceState> GetPlaceStateAsync(string placeId) => Task.FromResult(new UserPlaceState(
        placeId, _marks.IsMarked(MarkKind.BeenHere, placeId), _marks.IsMarked(MarkKind.WantToGo, placeId), []));

    public Task<MarkPage> GetMarksAsync(MarkKind kind, MarkCursor? after, int limit)
    {
        var ordered = _marks.Marks(kind)
            .OrderByDescending(mark => mark.MarkedAt.UtcTicks)
            .ThenBy(mark => mark.PlaceId, StringComparer.Ordinal)
            .SkipWhile(mark => after is not null && !IsAfter(mark, after))
            .Take(limit + 1)
            .ToArray();
        var page = ordered.Take(limit).ToArray();
        var next = ordered.Length > limit ? new MarkCursor(page[^1].MarkedAt.UtcTicks, page[^1].PlaceId) : null;
        return Task.FromResult(new MarkPage(page, next));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder)
        {
            return;
        }

        foreach (var group in _marks.Unconfirmed.GroupBy(pending => pending.PlaceId))
        {
            try
            {
                await DeliverAsync(GrainFactory.GetGrain<IPlaceGrain>(group.Key), [.. group]);
            }
            catch (Exception ex)
            {
                LogRedeliveryFailed(ex, group.Key);
            }
        }

        if (!_marks.HasUnconfirmed)
        {
            await _marks.SweepConfirmedAsync();
            await UnregisterDeliveryReminderAsync();
        }
    }

    private async Task<PlaceStats> DeliverAsync(IPlaceGrain place, PendingDelivery[] deliveries)
    {
        var stats = await place.ApplyRelationChangesAsync([.. deliveries.Select(delivery => delivery.Change)]);
        foreach (var delivery in deliveries)
        {
            _marks.Confirm(delivery);
        }

        return stats;
    }

    private async Task EnsureDeliveryReminderAsync()
    {
        if (_reminderRegistered)
        {
            return;
        }

        var period = deliveryOptions.Value.RetryPeriod;
        await this.RegisterOrUpdateReminder(DeliveryReminder, period, period);
        _reminderRegistered = true;
    }

    private async Task UnregisterDeliveryReminderAsync()
    {
        if (await this.GetReminder(DeliveryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    private MarkOutcome Outcome(string placeId, PlaceStats? stats) => new(
        placeId, _marks.IsMarked(MarkKind.BeenHere, placeId), _marks.IsMarked(MarkKind.WantToGo, placeId), stats);

    private static bool IsAfter(MarkEntry mark, MarkCursor cursor) =>
        mark.MarkedAt.UtcTicks < cursor.MarkedAtTicks
        || (mark.MarkedAt.UtcTicks == cursor.MarkedAtTicks && string.CompareOrdinal(mark.PlaceId, cursor.PlaceId) > 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-delivery of marks to place {PlaceId} failed; the reminder will try again.")]
    private partial void LogRedeliveryFailed(Exception exception, string placeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeping confirmed outbox rows at deactivation failed.")]
    private partial void LogSweepFailed(Exception exception);
}
