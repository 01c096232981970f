namespace AtlasGrains.Abstractions.Lists;

/// <summary>What a list grain holds: its owner and its items in order.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListContents")]
public sealed record ListContents(
    [property: Id(0)] string ListId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] ListItem[] Items,
    [property: Id(3)] DateTimeOffset UpdatedAt);
