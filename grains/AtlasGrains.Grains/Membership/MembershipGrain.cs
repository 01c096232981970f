using AtlasGrains.Abstractions.Membership;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Membership;

/// <summary>
/// A user's membership. Payment events are applied once per event id and only to the current checkout.
/// A canceled membership stays active until <c>EndsAt</c> and reads as expired from then on: the status is
/// derived from the (injectable) clock on every read, so no timer has to fire for it to be right.
/// </summary>
[GrainType("membership")]
public sealed partial class MembershipGrain(
    [PersistentState("membership", StorageNames.GrainState)] IPersistentState<MembershipState> state,
    AtlasClock clock,
    ILogger<MembershipGrain> logger)
    : Grain, IMembershipGrain
{
    private const int RememberedEvents = 100;

    private MembershipState Membership => state.State;

    private bool HasMembership => state.RecordExists && Membership.PlanId is not null;

    public async Task<MembershipView?> StartCheckoutAsync(string planId, BillingInterval interval)
    {
        if (HasMembership && CurrentStatus() is MembershipStatus.Active or MembershipStatus.Canceling)
        {
            return null;
        }

        var checkoutId = Guid.NewGuid().ToString("N");
        // The checkout is bound first: the provider's callback must always find whose it is.
        await GrainFactory.GetGrain<ICheckoutGrain>(checkoutId).BindAsync(this.GetPrimaryKeyString());
        var applied = Membership.AppliedEvents;
        state.State = new MembershipState
        {
            PlanId = planId,
            Interval = interval,
            Status = MembershipStatus.PendingPayment,
            CheckoutId = checkoutId,
            AppliedEvents = applied,
        };
        await WriteAsync();
        return View();
    }

    public Task<MembershipView?> GetAsync() => Task.FromResult(HasMembership ? View() : null);

    public async Task<MembershipView?> CancelAsync()
    {
        if (!HasMembership || CurrentStatus() is not (MembershipStatus.Active or MembershipStatus.Canceling))
        {
            return null;
        }

        if (Membership.Status == MembershipStatus.Active)
        {
            Membership.Status = MembershipStatus.Canceling;
            Membership.EndsAt = Membership.RenewsAt;
            Membership.RenewsAt = null;
            await WriteAsync();
        }

        return View();
    }

    public async Task ApplyPaymentAsync(PaymentEvent payment)
    {
        if (Membership.AppliedEvents.Contains(payment.EventId))
        {
            return;
        }

        if (!HasMembership || payment.CheckoutId != Membership.CheckoutId || Membership.Status != MembershipStatus.PendingPayment)
        {
            LogIgnoredPayment(payment.EventId);
        }
        else if (payment.Succeeded)
        {
            Membership.Status = MembershipStatus.Active;
            Membership.StartedAt = payment.OccurredAt;
            Membership.RenewsAt = Membership.Interval == BillingInterval.Year ? payment.OccurredAt.AddYears(1) : payment.OccurredAt.AddMonths(1);
        }
        else
        {
            // A failed payment leaves no membership behind: the reader may start a new checkout.
            Membership.PlanId = null;
        }

        Membership.AppliedEvents.Add(payment.EventId);
        if (Membership.AppliedEvents.Count > RememberedEvents)
        {
            Membership.AppliedEvents.RemoveAt(0);
        }

        await WriteAsync();
    }

    private MembershipStatus CurrentStatus() =>
        Membership.Status == MembershipStatus.Canceling && Membership.EndsAt is { } end && clock.Now >= end
            ? MembershipStatus.Expired
            : Membership.Status;

    private MembershipView View() => new(
        Membership.PlanId!, CurrentStatus(), Membership.CheckoutId, Membership.StartedAt, Membership.RenewsAt, Membership.EndsAt);

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment event {EventId} is not for the pending checkout of this membership; ignored.")]
    private partial void LogIgnoredPayment(string eventId);
}
