namespace AtlasGrains.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("AtlasGrains.MarkEntry")]
public sealed record MarkEntry(
    [property: Id(0)] string PlaceId,
    [property: Id(1)] DateTimeOffset MarkedAt);
