namespace AtlasGrains.Abstractions.Membership;

[GenerateSerializer, Immutable, Alias("AtlasGrains.MembershipView")]
public sealed record MembershipView(
    [property: Id(0)] string PlanId,
    [property: Id(1)] MembershipStatus Status,
    [property: Id(2)] string CheckoutId,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? RenewsAt,
    [property: Id(5)] DateTimeOffset? EndsAt);
