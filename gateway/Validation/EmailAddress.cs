using System.Net.Mail;

namespace AtlasGrains.Gateway.Validation;

/// <summary>Email rules shared by accounts (and later newsletters): trimmed, compared case-insensitively, at most 254 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>The form every lookup uses: trimmed and lower-cased as a whole.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string email) =>
        email.Length <= MaxLength
        && !email.Any(char.IsControl)
        && !email.Contains(' ')
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.')
        && !parsed.Host.StartsWith('.')
        && !parsed.Host.EndsWith('.');
}
