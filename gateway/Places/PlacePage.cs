using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// A place's page as the gateway keeps it: the answer, and its JSON rendered once when it was fetched
/// (<see cref="PlaceJsonWriter.Render"/>), so that the reads it answers only copy bytes.
/// </summary>
public sealed class PlacePage(PlaceResponse response, byte[] json)
{
    public PlaceResponse Response { get; } = response;

    /// <summary>The answer's body, UTF-8, as the gateway's JSON options write it.</summary>
    public byte[] Json { get; } = json;
}
