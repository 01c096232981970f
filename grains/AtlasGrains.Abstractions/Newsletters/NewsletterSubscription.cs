namespace AtlasGrains.Abstractions.Newsletters;

[GenerateSerializer, Immutable, Alias("AtlasGrains.NewsletterSubscription")]
public sealed record NewsletterSubscription(
    [property: Id(0)] string NewsletterId,
    [property: Id(1)] NewsletterStatus Status);
