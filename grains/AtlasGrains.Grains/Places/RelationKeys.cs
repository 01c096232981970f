using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

/// <summary>Row keys of a place's partition in the place-relations table.</summary>
internal static class RelationKeys
{
    public const string Counts = "counts";

    public static string Relation(RelationKind kind, string memberId) => $"rel|{Code(kind)}|{memberId}";

    private static string Code(RelationKind kind) => kind switch
    {
        RelationKind.BeenHere => "bh",
        RelationKind.WantToGo => "wtg",
        RelationKind.List => "list",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
