using System.Globalization;

namespace AtlasGrains.Gateway.Paging;

/// <summary>The "limit" and "cursor" query parameters, checked: out of range is a 400, never clamped.</summary>
public sealed record PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static bool TryParse(string? limit, string? cursor, out PageRequest page, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var value = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        page = new PageRequest(value, string.IsNullOrEmpty(cursor) ? null : cursor);
        return errors.Count == 0;
    }
}
