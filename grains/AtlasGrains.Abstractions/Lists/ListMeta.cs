namespace AtlasGrains.Abstractions.Lists;

/// <summary>A list's own facts, kept by its owner's user grain (the truth of which lists a user has).</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListMeta")]
public sealed record ListMeta(
    [property: Id(0)] string ListId,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] bool IsPublic,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
