using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AtlasGrains.Gateway.Paging;

/// <summary>
/// Turns a (time, id) position into the opaque cursor string clients pass back, and back again. Newest-first
/// pages (marks, a user's lists) use the time; id-ordered pages (lists holding a place) leave it 0.
/// </summary>
public static class CursorCodec
{
    public static string Encode(long ticks, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{ticks.ToString(CultureInfo.InvariantCulture)}:{id}"));

    public static bool TryDecode(string value, out long ticks, out string id)
    {
        (ticks, id) = (0, "");
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            var separator = text.IndexOf(':');
            if (separator > 0 && separator < text.Length - 1
                && long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out ticks))
            {
                id = text[(separator + 1)..];
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
