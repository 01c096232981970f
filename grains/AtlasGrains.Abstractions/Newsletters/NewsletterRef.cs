namespace AtlasGrains.Abstractions.Newsletters;

/// <summary>A newsletter as the mails name it.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.NewsletterRef")]
public sealed record NewsletterRef(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title);
