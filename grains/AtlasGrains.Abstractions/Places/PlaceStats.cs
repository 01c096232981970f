namespace AtlasGrains.Abstractions.Places;

/// <summary>How many users marked a place "been here" and "want to go", and how many lists hold it.</summary>
// Sent by the thousand (a list's items, a view's places) and never cyclic: tracking references would cost a
// dictionary entry per object for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.PlaceStats")]
public sealed record PlaceStats(
    [property: Id(0)] int BeenHere,
    [property: Id(1)] int WantToGo,
    [property: Id(2)] int Lists)
{
    public static readonly PlaceStats Zero = new(0, 0, 0);
}
