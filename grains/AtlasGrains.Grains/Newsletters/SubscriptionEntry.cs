using AtlasGrains.Abstractions.Newsletters;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>Where one address stands with one newsletter.</summary>
[GenerateSerializer, Alias("AtlasGrains.SubscriptionEntry")]
public sealed record SubscriptionEntry([property: Id(0)] NewsletterStatus Status, [property: Id(1)] string Title);
