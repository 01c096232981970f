using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Abstractions.Users;

/// <summary>The user's marks on a place after a change, and the place's counts after it; null counts mean the place does not exist.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.MarkOutcome")]
public sealed record MarkOutcome(
    [property: Id(0)] string PlaceId,
    [property: Id(1)] bool BeenHere,
    [property: Id(2)] bool WantToGo,
    [property: Id(3)] PlaceStats? PlaceStats)
{
    public bool PlaceExists => PlaceStats is not null;
}
