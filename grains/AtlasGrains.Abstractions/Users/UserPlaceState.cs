namespace AtlasGrains.Abstractions.Users;

/// <summary>The state behind the buttons on a place page, for one user.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.UserPlaceState")]
public sealed record UserPlaceState(
    [property: Id(0)] string PlaceId,
    [property: Id(1)] bool BeenHere,
    [property: Id(2)] bool WantToGo,
    [property: Id(3)] string[] ListIds);
