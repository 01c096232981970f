using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>Row keys of a counted thing's partition (a place, a newsletter) in a relations table.</summary>
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
        RelationKind.Subscriber => "sub",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The counts row's property for a kind.</summary>
    public static string CountProperty(RelationKind kind) => kind switch
    {
        RelationKind.BeenHere => "BeenHere",
        RelationKind.WantToGo => "WantToGo",
        RelationKind.List => "Lists",
        RelationKind.Subscriber => "Subscribers",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
