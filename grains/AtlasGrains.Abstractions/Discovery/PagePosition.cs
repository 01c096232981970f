namespace AtlasGrains.Abstractions.Discovery;

/// <summary>Where a page of an ordered view ended: the sort key of its last place (a time or a popularity) and its id.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PagePosition")]
public sealed record PagePosition([property: Id(0)] long Key, [property: Id(1)] string Id);
