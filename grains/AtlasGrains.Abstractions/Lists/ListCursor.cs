namespace AtlasGrains.Abstractions.Lists;

/// <summary>Where a newest-first page of a user's lists continues: after this (creation time, list) pair.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListCursor")]
public sealed record ListCursor(
    [property: Id(0)] long CreatedAtTicks,
    [property: Id(1)] string ListId);
