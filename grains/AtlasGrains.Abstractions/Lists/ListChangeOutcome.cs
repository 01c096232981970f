namespace AtlasGrains.Abstractions.Lists;

/// <summary>The status of a change to a list's items, and the contents after it when it was done.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.ListChangeOutcome")]
public sealed record ListChangeOutcome(
    [property: Id(0)] ListChangeStatus Status,
    [property: Id(1)] ListContents? Contents);
