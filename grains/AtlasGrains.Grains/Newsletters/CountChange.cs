namespace AtlasGrains.Grains.Newsletters;

/// <summary>A subscriber-count change not yet confirmed by its newsletter.</summary>
[GenerateSerializer, Alias("AtlasGrains.CountChange")]
public sealed record CountChange([property: Id(0)] bool Present, [property: Id(1)] long Version);
