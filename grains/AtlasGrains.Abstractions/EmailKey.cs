using System.Security.Cryptography;
using System.Text;

namespace AtlasGrains.Abstractions;

/// <summary>
/// Grains tied to an email address (accounts, newsletter subscribers) are keyed by a SHA-256 of the
/// normalized address, never the address itself: grain ids end up in trace tags, logs and storage keys,
/// and those must not carry personal data.
/// </summary>
public static class EmailKey
{
    public static string For(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
}
