using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Gateway.Contracts;

public sealed record CreateAccountRequest(string? Email, string? Password, string? DisplayName);

public sealed record AccountCreatedResponse(string UserId, string DisplayName);

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record UserStatsResponse(int BeenHere, int WantToGo, int Lists)
{
    /// <summary>Others see only the count of public lists; the owner sees all of them.</summary>
    public static UserStatsResponse From(UserStats stats, bool isOwner) =>
        new(stats.BeenHere, stats.WantToGo, isOwner ? stats.Lists : stats.PublicLists);
}

/// <summary>GET /api/me; membership is null for a reader who never started one.</summary>
public sealed record MeResponse(string UserId, string DisplayName, string Email, UserStatsResponse Stats, MembershipResponse? Membership);

public sealed record UserResponse(string UserId, string DisplayName, UserStatsResponse Stats);
