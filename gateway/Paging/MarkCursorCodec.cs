using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Gateway.Paging;

/// <summary>Turns a mark cursor into the opaque string clients pass back, and back again.</summary>
public static class MarkCursorCodec
{
    public static string Encode(MarkCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.MarkedAtTicks.ToString(CultureInfo.InvariantCulture)}:{cursor.PlaceId}"));

    public static bool TryDecode(string? value, out MarkCursor? cursor)
    {
        cursor = null;
        if (value is null)
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            var separator = text.IndexOf(':');
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                cursor = new MarkCursor(ticks, text[(separator + 1)..]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
