namespace AtlasGrains.Grains.Users;

[GenerateSerializer, Alias("AtlasGrains.UserProfileState")]
public sealed class UserProfileState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
}
