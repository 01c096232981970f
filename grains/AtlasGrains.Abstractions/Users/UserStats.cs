namespace AtlasGrains.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("AtlasGrains.UserStats")]
public sealed record UserStats(
    [property: Id(0)] int BeenHere,
    [property: Id(1)] int WantToGo,
    [property: Id(2)] int Lists,
    [property: Id(3)] int PublicLists);
