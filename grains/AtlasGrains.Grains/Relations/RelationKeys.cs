using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Row keys of a counted thing's shard (a place or a newsletter, or one of a hot place's shards; its "scope") in a
/// relations table. Every key names its scope, so the rows of many scopes can share a partition (places' base shards
/// share buckets, see <see cref="PlaceRelationBuckets"/>).
/// </summary>
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

    /// <summary>
    /// A member's relation row. The key names the partition before the member, for the same reason as the counts row:
    /// a member's key is otherwise shared by every place it marked (a list of 1,000 places: each of its relation rows
    /// had the same key as 999 others, and every lookup in Azurite scanned them). Within a partition, rows of a kind
    /// still sort by member.
    /// </summary>
    public static string Relation(RelationKind kind, string memberId, string partitionKey) => $"{Prefix(kind, partitionKey)}{memberId}";

    /// <summary>Identifies a member's relation of one kind within a place, whichever partition holds it.</summary>
    public static string Member(RelationKind kind, string memberId) => $"{Code(kind)}|{memberId}";

    /// <summary>Every relation row key of this kind in this partition starts with it.</summary>
    public static string Prefix(RelationKind kind, string partitionKey) => $"{AnyRelationPrefix}{Code(kind)}|{partitionKey}|";

    /// <summary>'}' sorts right after '|', so this bounds the range of <see cref="Prefix"/>.</summary>
    public static string PrefixEnd(RelationKind kind, string partitionKey) => $"{AnyRelationPrefix}{Code(kind)}|{partitionKey}}}";

    /// <summary>Every relation row key starts with it, and <see cref="AnyRelationEnd"/> bounds them all.</summary>
    public const string AnyRelationPrefix = "rel|";

    public const string AnyRelationEnd = "rel}";

    /// <summary>
    /// The scope a counts, relation or chunk row key belongs to: "counts|{scope}", "rel|{kind}|{scope}|{member}",
    /// "chunk|{scope}|{number}" (<see cref="MemberChunks"/>); else null.
    /// </summary>
    public static string? ScopeOf(string rowKey) => rowKey.Split('|') switch
    {
        ["counts", var scope] => scope,
        ["rel", _, var scope, _] => scope,
        ["chunk", var scope, _] => scope,
        _ => null,
    };

    /// <summary>The kind and member of a relation row key (null for any other row).</summary>
    public static (RelationKind Kind, string MemberId)? Parse(string rowKey, string partitionKey)
    {
        foreach (var kind in Enum.GetValues<RelationKind>())
        {
            var prefix = Prefix(kind, partitionKey);
            if (rowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (kind, rowKey[prefix.Length..]);
            }
        }

        return null;
    }

    /// <summary>The kind and member of a <see cref="Member"/> key.</summary>
    public static (RelationKind Kind, string MemberId) ParseMember(string memberKey) =>
        memberKey.IndexOf('|') is var at and > 0 && KindOf(memberKey[..at]) is { } kind
            ? (kind, memberKey[(at + 1)..])
            : throw new FormatException($"Not a member key: {memberKey}");

    /// <summary>The kind a code names ("bh", "wtg", "list", "sub"); null for anything else.</summary>
    public static RelationKind? KindOf(string code) => code switch
    {
        "bh" => RelationKind.BeenHere,
        "wtg" => RelationKind.WantToGo,
        "list" => RelationKind.List,
        "sub" => RelationKind.Subscriber,
        _ => null,
    };

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
