using AtlasGrains.Abstractions.Membership;

namespace AtlasGrains.Grains.Membership;

[GenerateSerializer, Alias("AtlasGrains.MembershipState")]
public sealed class MembershipState
{
    [Id(0)] public string? PlanId { get; set; }
    [Id(1)] public BillingInterval Interval { get; set; }
    [Id(2)] public MembershipStatus Status { get; set; }
    [Id(3)] public string CheckoutId { get; set; } = "";
    [Id(4)] public DateTimeOffset? StartedAt { get; set; }
    [Id(5)] public DateTimeOffset? RenewsAt { get; set; }
    [Id(6)] public DateTimeOffset? EndsAt { get; set; }

    /// <summary>Ids of payment events already applied (the newest ones), so a replay changes nothing.</summary>
    [Id(7)] public List<string> AppliedEvents { get; set; } = [];
}
