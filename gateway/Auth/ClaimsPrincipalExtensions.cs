using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtlasGrains.Gateway.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The acting user: always the token's subject, never an id from a request body.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("The endpoint requires authorization.");
}
