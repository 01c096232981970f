using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

internal static class PlaceStatsExtensions
{
    public static PlaceStats Add(this PlaceStats stats, RelationKind kind, int delta) => kind switch
    {
        RelationKind.BeenHere => stats with { BeenHere = stats.BeenHere + delta },
        RelationKind.WantToGo => stats with { WantToGo = stats.WantToGo + delta },
        RelationKind.List => stats with { Lists = stats.Lists + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
