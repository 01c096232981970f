using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

/// <summary>Row keys of a place's partition in the place-relations table.</summary>
internal static class RelationKeys
{
    public const string Counts = "counts";

    public static string Relation(RelationKind kind, string memberId) => $"{Prefix(kind)}{memberId}";

    /// <summary>Every row key of this kind starts with it; '}' sorts right after '|', so it bounds a range.</summary>
    public static string Prefix(RelationKind kind) => $"rel|{Code(kind)}|";

    public static string PrefixEnd(RelationKind kind) => $"rel|{Code(kind)}}}";

    private static string Code(RelationKind kind) => kind switch
    {
        RelationKind.BeenHere => "bh",
        RelationKind.WantToGo => "wtg",
        RelationKind.List => "list",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
