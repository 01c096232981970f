namespace AtlasGrains.Abstractions.Users;

/// <summary>Where a newest-first page of marks continues: after this (time, place) pair.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.MarkCursor")]
public sealed record MarkCursor(
    [property: Id(0)] long MarkedAtTicks,
    [property: Id(1)] string PlaceId);
