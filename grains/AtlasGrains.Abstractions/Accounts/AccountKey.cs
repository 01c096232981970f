using System.Security.Cryptography;
using System.Text;

namespace AtlasGrains.Abstractions.Accounts;

/// <summary>
/// Account grains are keyed by a SHA-256 of the normalized email, never the email itself: grain ids end up
/// in trace tags, logs and storage keys, and those must not carry personal data.
/// </summary>
public static class AccountKey
{
    public static string ForEmail(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
}
