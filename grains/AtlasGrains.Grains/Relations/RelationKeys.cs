using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>Row keys of a counted thing's partition (a place, a newsletter) in a relations table.</summary>
internal static class RelationKeys
{
    /// <summary>
    /// The counts row of a partition. Its key names the partition, though the partition key already does, because
    /// Azurite looks a row up by its row key first: a "counts" key shared by every place made each lookup scan all
    /// of them (10,000 places: 10,000 rows per lookup). Row keys unique across partitions cost Azure nothing.
    /// </summary>
    public static string Counts(string partitionKey) => $"{CountsPrefix}{partitionKey}";

    public static bool IsCounts(string rowKey) => rowKey.StartsWith(CountsPrefix, StringComparison.Ordinal);

    private const string CountsPrefix = "counts|";

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
