namespace AtlasGrains.Abstractions.Accounts;

/// <summary>What sign-in needs: the user id and the password hash (never the password).</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.AccountCredential")]
public sealed record AccountCredential(
    [property: Id(0)] string UserId,
    [property: Id(1)] string PasswordHash);
