using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// A place's facts as the place grain holds them in memory; stored as the place's catalog row (<see cref="PlaceRows"/>).
/// Counts are not here: they live beside the relation rows.
/// </summary>
public sealed class PlaceState
{
    public PlaceDetails? Details { get; set; }

    public UserRef? AddedBy { get; set; }

    public List<UserRef> EditedBy { get; set; } = [];

    public DateTimeOffset PublishedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
