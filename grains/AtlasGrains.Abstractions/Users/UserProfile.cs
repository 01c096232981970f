namespace AtlasGrains.Abstractions.Users;

[GenerateSerializer, Immutable, Alias("AtlasGrains.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateTimeOffset CreatedAt);
