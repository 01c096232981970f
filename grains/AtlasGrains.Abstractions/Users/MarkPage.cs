namespace AtlasGrains.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("AtlasGrains.MarkPage")]
public sealed record MarkPage(
    [property: Id(0)] MarkEntry[] Items,
    [property: Id(1)] MarkCursor? Next);
