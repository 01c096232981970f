namespace AtlasGrains.Abstractions.Lists;

/// <summary>A partial edit of a list's facts: every non-null field replaces the current value.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListMetaEdit")]
public sealed record ListMetaEdit(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool? IsPublic);
