using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Outbox;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// One mark of one user: which kind, on which place. Also names its rows in the user's partition:
/// "mark|{bh,wtg}|{place}|{user}" and "pending|{bh,wtg}|{place}|{user}". The user id repeats the partition key
/// because Azurite finds a row by its row key first: a viral place's "mark|bh|{place}", shared by the 10,000 users
/// who marked it, made each of their writes scan all 10,000. Row keys unique across partitions cost Azure nothing.
/// </summary>
internal readonly record struct MarkKey(MarkKind Kind, string PlaceId)
{
    private const string MarkPrefix = "mark|";

    /// <summary>Mark rows, the meta row and outbox rows sort in [RowsStart, RowsEnd); the user's "list|" rows sort before.</summary>
    public const string RowsStart = MarkPrefix;

    public const string RowsEnd = "pending}";

    public RelationKind RelationKind => Kind == MarkKind.BeenHere ? RelationKind.BeenHere : RelationKind.WantToGo;

    private string Code => Kind == MarkKind.BeenHere ? "bh" : "wtg";

    public string MarkRowKey(string userId) => $"{MarkPrefix}{OutboxKey(userId)}";

    /// <summary>The mark's key inside the user's outbox: "bh|{place}|{user}" or "wtg|{place}|{user}".</summary>
    public string OutboxKey(string userId) => $"{Code}|{PlaceId}|{userId}";

    /// <summary>Parses a row key; false for rows that are not marks or outbox rows.</summary>
    public static bool TryParse(string rowKey, out MarkKey key, out bool isPending)
    {
        key = default;
        isPending = RelationOutbox.IsOutboxRow(rowKey);
        var rest = isPending ? rowKey[RelationOutbox.RowPrefix.Length..]
            : rowKey.StartsWith(MarkPrefix, StringComparison.Ordinal) ? rowKey[MarkPrefix.Length..]
            : null;
        MarkKind? kind = rest?.Split('|') switch
        {
            ["bh", _, _] => MarkKind.BeenHere,
            ["wtg", _, _] => MarkKind.WantToGo,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        key = new MarkKey(kind.Value, rest!.Split('|')[1]);
        return true;
    }
}
