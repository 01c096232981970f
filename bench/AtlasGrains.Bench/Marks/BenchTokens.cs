using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// Access tokens for bench users, minted here exactly as the gateway's TokenIssuer mints them (subject claim, issuer,
/// audience, HMAC-SHA256 with the "Auth" section's key), so 100k users cost no account creation and no password
/// hashing. The key comes from configuration (bench/marks.sh gives the gateway and this driver the same one).
/// </summary>
internal sealed class BenchTokens
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;
    private readonly string _issuer;
    private readonly string _audience;

    public BenchTokens(IConfiguration configuration)
    {
        var key = configuration["Auth:SigningKey"];
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("Auth:SigningKey (environment: Auth__SigningKey) must be the gateway's signing key.");
        }

        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
        // The gateway's AuthOptions defaults, unless configured otherwise for both.
        _issuer = configuration["Auth:Issuer"] ?? "atlasgrains";
        _audience = configuration["Auth:Audience"] ?? "atlasgrains-api";
    }

    public static string UserId(int number) => $"bench-user-{number}";

    /// <summary>One token per user 0..count-1, valid for the whole run.</summary>
    public string[] Mint(int count)
    {
        var now = DateTime.UtcNow;
        return [.. Enumerable.Range(0, count).AsParallel().AsOrdered().Select(number => _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, UserId(number))]),
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(6),
            SigningCredentials = _credentials,
        }))];
    }
}
