using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Paging;

namespace AtlasGrains.Gateway.Discovery;

/// <summary>Turns an index's page of places into the API's paged response, with the opaque cursor of its end.</summary>
public static class Pages
{
    public static Page<PlaceSummaryResponse> Of(PlaceSlice slice) => new(
        [.. slice.Items.Select(PlaceSummaryResponse.From)],
        slice.Next is { } next ? CursorCodec.Encode(next.Key, next.Id) : null);
}
