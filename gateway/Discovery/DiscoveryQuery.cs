using System.Globalization;
using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Gateway.Paging;

namespace AtlasGrains.Gateway.Discovery;

/// <summary>
/// The discovery views' query parameters, checked: a missing optional value takes its default, a value out of
/// range is a 400 naming the field (never clamped). Collects every error of a request.
/// </summary>
public sealed class DiscoveryQuery
{
    public const double DefaultRadiusKm = 50;
    public const double MaxRadiusKm = 500;
    public const int MaxTextLength = 200;

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public int Limit(string? value, int defaultLimit = PageRequest.DefaultLimit)
    {
        if (value is null)
        {
            return defaultLimit;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= PageRequest.MaxLimit
            ? limit
            : Fail("limit", $"limit must be a whole number from 1 to {PageRequest.MaxLimit}.", defaultLimit);
    }

    /// <summary>A required latitude or longitude (NaN and infinities fail the range check too).</summary>
    public double Coordinate(string? value, string field, double bound) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= -bound && number <= bound
            ? number
            : Fail(field, value is null ? $"{field} is required." : $"{field} must be a number from -{bound} to {bound}.", 0);

    public double RadiusKm(string? value)
    {
        if (value is null)
        {
            return DefaultRadiusKm;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) && radius > 0 && radius <= MaxRadiusKm
            ? radius
            : Fail("radiusKm", $"radiusKm must be a number above 0 and at most {MaxRadiusKm}.", DefaultRadiusKm);
    }

    /// <summary>The page position a cursor stands for; null for no cursor (and for a bad one, with an error).</summary>
    public PagePosition? Cursor(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return CursorCodec.TryDecode(value, out var key, out var id)
            ? new PagePosition(key, id)
            : Fail<PagePosition?>("cursor", "cursor is not a cursor this API gave out.", null);
    }

    /// <summary>Required text: trimmed, 1 to <paramref name="maxLength"/> characters, no control characters.</summary>
    public string Text(string? value, string field, int maxLength = MaxTextLength)
    {
        var text = value?.Trim() ?? "";
        return text.Length > 0 && text.Length <= maxLength && !text.Any(char.IsControl)
            ? text
            : Fail(field, $"{field} is required: 1 to {maxLength} characters, no control characters.", "");
    }

    private T Fail<T>(string field, string message, T fallback)
    {
        Errors[field] = [message];
        return fallback;
    }
}
