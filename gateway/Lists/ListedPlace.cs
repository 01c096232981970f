using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Lists;

/// <summary>A place in a list: its kept facts and its counts now.</summary>
public readonly record struct ListedPlace(KeptPlace Facts, PlaceStats Stats)
{
    public PlaceSummaryResponse Response => Facts.Place with { Stats = PlaceStatsResponse.From(Stats) };
}
