using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Grains.Users;

/// <summary>One mark of one user: which kind, on which place. Also names its rows in the user's range (<see cref="UserRows"/>).</summary>
internal readonly record struct MarkKey(MarkKind Kind, string PlaceId)
{
    public RelationKind RelationKind => Kind == MarkKind.BeenHere ? RelationKind.BeenHere : RelationKind.WantToGo;

    private string Code => Kind == MarkKind.BeenHere ? "bh" : "wtg";

    public string MarkRowKey(string userId) => UserRows.MarkPrefix(userId) + OutboxKey;

    /// <summary>The mark's key inside the user's outbox (<see cref="UserPendingChanges"/>): "bh|{place}" or "wtg|{place}".</summary>
    public string OutboxKey => $"{Code}|{PlaceId}";

    /// <summary>The kind a code ("bh" or "wtg") names; null for anything else.</summary>
    public static MarkKind? TryParseCode(string code) => code switch
    {
        "bh" => MarkKind.BeenHere,
        "wtg" => MarkKind.WantToGo,
        _ => null,
    };

    /// <summary>Parses a row key; false for rows that are not marks.</summary>
    public static bool TryParse(string rowKey, out MarkKey key)
    {
        key = default;
        if (!UserRows.TryParseMark(rowKey, out _, out var code, out var placeId))
        {
            return false;
        }

        key = new MarkKey(TryParseCode(code)!.Value, placeId);
        return true;
    }
}
