namespace AtlasGrains.Abstractions.Lists;

// Sent by the thousand (a list's items, a view's places) and never cyclic: tracking references would cost a
// dictionary entry per object for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.ListItem")]
public sealed record ListItem(
    [property: Id(0)] string PlaceId,
    [property: Id(1)] string Note,
    [property: Id(2)] DateTimeOffset AddedAt);
