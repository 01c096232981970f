using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AtlasGrains.Gateway.Places;

/// <summary>Place ids: lowercase a-z, 0-9 and '-', at most 80 characters, derived from the name.</summary>
public static partial class PlaceSlug
{
    public const int MaxLength = 80;

    /// <summary>Leaves room for a uniqueness suffix such as "-12" or "-a1b2c3".</summary>
    private const int MaxBaseLength = MaxLength - 8;

    public static bool IsValid(string id) => SlugPattern().IsMatch(id);

    /// <summary>"Reykjavík Art Museum" becomes "reykjavik-art-museum"; a name with no Latin letters or digits becomes "place".</summary>
    public static string FromName(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        text = text.Length > MaxBaseLength ? text[..MaxBaseLength].TrimEnd('-') : text;
        return text.Length == 0 ? "place" : text;
    }

    /// <summary>The ids to try in order: the slug, then numbered ones, then random ones.</summary>
    public static IEnumerable<string> Candidates(string baseSlug)
    {
        yield return baseSlug;
        for (var n = 2; n <= 30; n++)
        {
            yield return $"{baseSlug}-{n}";
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            yield return $"{baseSlug}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3])}";
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,79})$")]
    private static partial Regex SlugPattern();
}
