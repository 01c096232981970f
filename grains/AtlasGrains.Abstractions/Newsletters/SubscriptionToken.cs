using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AtlasGrains.Abstractions.Newsletters;

/// <summary>
/// A token from a newsletter mail: "{subscriber key}.{secret}". The key routes to the subscriber grain
/// (it is a hash, not the address); the secret proves the mail was received.
/// </summary>
public sealed partial record SubscriptionToken(string SubscriberKey, string Secret)
{
    public override string ToString() => $"{SubscriberKey}.{Secret}";

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool TryParse(string? text, out SubscriptionToken token)
    {
        token = new SubscriptionToken("", "");
        var match = text is { Length: < 200 } ? Shape().Match(text) : Match.Empty;
        if (!match.Success)
        {
            return false;
        }

        token = new SubscriptionToken(match.Groups[1].Value, match.Groups[2].Value);
        return true;
    }

    [GeneratedRegex("^([0-9a-f]{64})\\.([A-Za-z0-9_-]{43})$")]
    private static partial Regex Shape();
}
