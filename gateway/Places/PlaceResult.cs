using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;

namespace AtlasGrains.Gateway.Places;

/// <summary>A 200 with a place page, written by <see cref="PlaceJsonWriter"/>, documented as a <see cref="PlaceResponse"/>.</summary>
public static class PlaceResult
{
    public static HandWrittenJsonResult<PlaceResponse> Of(PlaceResponse place) =>
        new((body, encoder, aborted) => PlaceJsonWriter.WriteAsync(body, place, encoder, aborted));
}
