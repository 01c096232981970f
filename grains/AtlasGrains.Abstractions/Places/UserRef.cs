namespace AtlasGrains.Abstractions.Places;

/// <summary>A user as shown next to a place: who added it, who edited it.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.UserRef")]
public sealed record UserRef(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName);
