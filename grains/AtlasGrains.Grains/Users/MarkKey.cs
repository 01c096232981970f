using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Outbox;

namespace AtlasGrains.Grains.Users;

/// <summary>One mark of one user: which kind, on which place. Also names its rows in the user's partition.</summary>
internal readonly record struct MarkKey(MarkKind Kind, string PlaceId)
{
    private const string MarkPrefix = "mark|";

    /// <summary>Mark rows, the meta row and outbox rows sort in [RowsStart, RowsEnd); the user's "list|" rows sort before.</summary>
    public const string RowsStart = MarkPrefix;

    public const string RowsEnd = "pending}";

    public string MarkRowKey => $"{MarkPrefix}{OutboxKey}";

    public string PendingRowKey => RelationOutbox.RowPrefix + OutboxKey;

    /// <summary>The mark's key inside the outbox: "bh|{place}" or "wtg|{place}".</summary>
    public string OutboxKey => $"{Code}|{PlaceId}";

    public RelationKind RelationKind => Kind == MarkKind.BeenHere ? RelationKind.BeenHere : RelationKind.WantToGo;

    private string Code => Kind == MarkKind.BeenHere ? "bh" : "wtg";

    /// <summary>Parses a row key; false for rows that are not marks or outbox rows.</summary>
    public static bool TryParse(string rowKey, out MarkKey key, out bool isPending)
    {
        key = default;
        isPending = RelationOutbox.IsOutboxRow(rowKey);
        var rest = isPending ? rowKey[RelationOutbox.RowPrefix.Length..]
            : rowKey.StartsWith(MarkPrefix, StringComparison.Ordinal) ? rowKey[MarkPrefix.Length..]
            : null;
        var separator = rest?.IndexOf('|') ?? -1;
        if (rest is null || separator < 0)
        {
            return false;
        }

        MarkKind? kind = rest[..separator] switch { "bh" => MarkKind.BeenHere, "wtg" => MarkKind.WantToGo, _ => null };
        if (kind is null)
        {
            return false;
        }

        key = new MarkKey(kind.Value, rest[(separator + 1)..]);
        return true;
    }
}
