using AtlasGrains.Abstractions.Membership;

namespace AtlasGrains.Gateway.Contracts;

public sealed record MembershipPlanResponse(string Id, string Title, int PriceCents, string Currency, string Interval);

public sealed record StartMembershipRequest(string? PlanId);

public sealed record MembershipResponse(string PlanId, string Status, string CheckoutId, DateTime? StartedAt, DateTime? RenewsAt, DateTime? EndsAt)
{
    public static MembershipResponse From(MembershipView view) => new(
        view.PlanId,
        view.Status switch
        {
            MembershipStatus.PendingPayment => "pending-payment",
            MembershipStatus.Active => "active",
            MembershipStatus.Canceling => "canceling",
            _ => "expired",
        },
        view.CheckoutId,
        view.StartedAt?.UtcDateTime,
        view.RenewsAt?.UtcDateTime,
        view.EndsAt?.UtcDateTime);
}

/// <summary>The payment provider's callback body.</summary>
public sealed record PaymentWebhookRequest(string? Id, string? Type, string? CheckoutId, DateTimeOffset? OccurredAt);
