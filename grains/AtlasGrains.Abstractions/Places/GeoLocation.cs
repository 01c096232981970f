namespace AtlasGrains.Abstractions.Places;

// Sent by the thousand (a list's items, a view's places) and never cyclic: tracking references would cost a
// dictionary entry per object for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.GeoLocation")]
public sealed record GeoLocation(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude);
