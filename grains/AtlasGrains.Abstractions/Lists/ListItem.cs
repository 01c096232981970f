namespace AtlasGrains.Abstractions.Lists;

[GenerateSerializer, Immutable, Alias("AtlasGrains.ListItem")]
public sealed record ListItem(
    [property: Id(0)] string PlaceId,
    [property: Id(1)] string Note,
    [property: Id(2)] DateTimeOffset AddedAt);
