using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Reads every list holding a place, page after page, as a client would.</summary>
public static class PlaceListPages
{
    public static async Task<List<string>> AllAsync(IPlaceGrain place, int pageSize)
    {
        var seen = new List<string>();
        for (string? after = null; ;)
        {
            var page = await place.GetListsAsync(after, pageSize);
            seen.AddRange(page);
            if (page.Length < pageSize)
            {
                return seen;
            }

            after = page[^1];
        }
    }
}
