namespace AtlasGrains.Abstractions.Newsletters;

[GenerateSerializer, Immutable, Alias("AtlasGrains.ConfirmOutcome")]
public sealed record ConfirmOutcome(
    [property: Id(0)] ConfirmResult Result,
    [property: Id(1)] string[] NewsletterIds);
