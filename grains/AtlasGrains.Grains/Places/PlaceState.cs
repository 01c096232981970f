using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

/// <summary>A place's facts, in the stock grain storage. Counts are not here: they live beside the relation rows.</summary>
[GenerateSerializer, Alias("AtlasGrains.PlaceState")]
public sealed class PlaceState
{
    [Id(0)] public PlaceDetails? Details { get; set; }
    [Id(1)] public UserRef? AddedBy { get; set; }
    [Id(2)] public List<UserRef> EditedBy { get; set; } = [];
    [Id(3)] public DateTimeOffset PublishedAt { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
}
