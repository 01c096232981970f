using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// About how much memory a kept place page holds. Pages are bounded by bytes, not by count: a description alone may be
/// 20,000 characters, so 50,000 pages could be a few MB or two GB.
/// </summary>
public static class PlacePageSize
{
    /// <summary>The objects themselves (the record, its location, counts, arrays and their headers), roughly.</summary>
    private const int Objects = 400;

    /// <summary>A string's own header and length, besides two bytes a character.</summary>
    private const int PerString = 24;

    /// <summary>The answer's objects and its rendered JSON (an array's header and a byte a byte).</summary>
    public static int Of(PlacePage page) => Of(page.Response) + PerString + page.Json.Length;

    public static int Of(PlaceResponse page)
    {
        var strings = Text(page.Id) + Text(page.Name) + Text(page.Subtitle) + Text(page.Description) +
            Text(page.KnowBeforeYouGo) + Text(page.Address) + Text(page.City) + Text(page.Region) + Text(page.Country) +
            Text(page.Continent) + Text(page.Website) + Text(page.AddedBy.UserId) + Text(page.AddedBy.DisplayName);
        foreach (var tag in page.Tags)
        {
            strings += Text(tag);
        }

        foreach (var source in page.Sources)
        {
            strings += Text(source);
        }

        foreach (var editor in page.EditedBy)
        {
            strings += Objects / 10 + Text(editor.UserId) + Text(editor.DisplayName);
        }

        return Objects + strings;
    }

    private static int Text(string text) => PerString + 2 * text.Length;
}
