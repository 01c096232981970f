using Azure;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// What a shard has stored of one member's relation of one kind: whether it is present and the newest version applied.
/// It lives in a relation row of its own (<paramref name="RowETag"/> is that row's) or among the members kept in the
/// base counts row (<see cref="InlineMembers"/>; no ETag of its own: the counts row's guards it).
/// </summary>
internal sealed record StoredRelation(bool Present, long Version, ETag? RowETag)
{
    public bool IsInline => RowETag is null;
}
