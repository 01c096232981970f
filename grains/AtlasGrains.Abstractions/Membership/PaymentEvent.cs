namespace AtlasGrains.Abstractions.Membership;

/// <summary>A payment provider's verified callback.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PaymentEvent")]
public sealed record PaymentEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string CheckoutId,
    [property: Id(3)] DateTimeOffset OccurredAt);
