using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtlasGrains.Gateway.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The acting user: always the token's subject, never an id from a request body.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.UserIdOrNull() ?? throw new InvalidOperationException("The endpoint requires authorization.");

    /// <summary>The caller's user id on endpoints that also serve anonymous callers.</summary>
    public static string? UserIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(JwtRegisteredClaimNames.Sub) : null;
}
