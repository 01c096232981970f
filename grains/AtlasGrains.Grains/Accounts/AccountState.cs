namespace AtlasGrains.Grains.Accounts;

[GenerateSerializer, Alias("AtlasGrains.AccountState")]
public sealed class AccountState
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public string DisplayName { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>False while the user's profile may not exist yet (a crash between the two writes of a registration).</summary>
    [Id(5)] public bool ProfileCreated { get; set; }
}
