using Microsoft.AspNetCore.Identity;

namespace AtlasGrains.Gateway.Auth;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2, versioned, rehash-aware).</summary>
public sealed class AccountPasswords
{
    private readonly PasswordHasher<AccountPasswords> _hasher = new();

    /// <summary>Verified against when an address is unknown, so that both failures take the same time.</summary>
    private readonly string _decoyHash;

    public AccountPasswords() => _decoyHash = _hasher.HashPassword(this, Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(this, password);

    public PasswordVerificationResult Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(this, storedHash ?? _decoyHash, password);
        return storedHash is null ? PasswordVerificationResult.Failed : result;
    }
}
