using System.Globalization;
using System.Text;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's marks kept in its meta row (<see cref="UserMetaRow"/>, property "Marks") rather than a row each, so that a
/// change writes one entity of the user's, not two. Up to <see cref="Max"/> of them; past that, marks get rows of their
/// own ("{user}|mark|{bh,wtg}|{place}", <see cref="UserRows"/>), as they all did until 6 December, so a user with
/// thousands of marks never makes every change rewrite all of them.
/// </summary>
public static class InlineMarks
{
    public const string Property = "Marks";

    /// <summary>
    /// At most this many in the meta row: an entry is at most about 105 characters (place ids are at most 80), stored
    /// as UTF-16, so the property stays under storage's 64 KiB and the row, with its outbox, well under 1 MiB.
    /// </summary>
    public const int Max = 200;

    /// <summary>One line per mark: "{bh|wtg}|{place}|{UTC ticks}" (place ids never hold "|").</summary>
    internal static string? Format(IEnumerable<KeyValuePair<MarkKey, DateTimeOffset>> marks)
    {
        var text = new StringBuilder();
        foreach (var (key, markedAt) in marks)
        {
            text.Append(key.OutboxKey).Append('|').Append(markedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>The marks a meta row's property holds: code ("bh" or "wtg"), place, and when it was marked.</summary>
    public static IEnumerable<(string Code, string PlaceId, DateTimeOffset MarkedAt)> Parse(string? stored)
    {
        foreach (var line in (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split('|') is [("bh" or "wtg") and var code, var placeId, var ticks]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks))
            {
                yield return (code, placeId, new DateTimeOffset(utcTicks, TimeSpan.Zero));
            }
        }
    }
}
