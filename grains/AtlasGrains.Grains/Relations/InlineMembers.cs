using System.Globalization;
using System.Text;
using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// A place's first members kept in its base counts row (property "Members") rather than a relation row each, so that a
/// quiet place's commit writes one entity, not two: most places only ever have a few members, and a mark spread over
/// many places wrote a relation row and the counts row for each. Up to <see cref="Max"/> members, present or not (an
/// entry keeps the newest version applied, as a row does, so it is never dropped); past that, members get rows of their
/// own, as they all did until 6 December. The counts row records whether any relation row exists
/// (<see cref="HasRowsProperty"/>): while none does, a member not kept here is new for certain, and costs no read.
/// The counts row is ETag-guarded in every commit, so its members are as safe from a stale writer as its counts.
/// </summary>
internal sealed class InlineMembers
{
    public const string Property = "Members";

    /// <summary>Set once the first relation row is written; never cleared (entries never leave, so rows never stop being needed).</summary>
    public const string HasRowsProperty = "HasRows";

    /// <summary>
    /// At most this many: an entry is at most about 110 characters (member ids up to 80, a version up to 19 digits),
    /// stored as UTF-16, so the property stays at a fifth of storage's 64 KiB, and a commit rewrites at most ~14 KiB of them.
    /// </summary>
    public const int Max = 64;

    private readonly Dictionary<string, StoredRelation> _members;

    private InlineMembers(Dictionary<string, StoredRelation> members, bool hasRows) => (_members, HasRows) = (members, hasRows);

    /// <summary>True once any relation row exists in the shard: a member not kept here may then have one.</summary>
    public bool HasRows { get; }

    public static InlineMembers Empty { get; } = new([], hasRows: false);

    /// <summary>
    /// What a base counts row holds; null for a row written before members were kept inline (it predates them, so its
    /// members are all in rows: the shard stays as it was).
    /// </summary>
    public static InlineMembers? Read(TableEntity? countsRow)
    {
        if (countsRow is null)
        {
            return Empty;
        }

        if (countsRow.GetString(Property) is not { } stored)
        {
            return null;
        }

        var members = new Dictionary<string, StoredRelation>(StringComparer.Ordinal);
        foreach (var (kind, memberId, present, version) in Parse(stored))
        {
            members[RelationKeys.Member(kind, memberId)] = new StoredRelation(present, version, RowETag: null);
        }

        return new InlineMembers(members, countsRow.GetBoolean(HasRowsProperty) == true);
    }

    public StoredRelation? Find(RelationKind kind, string memberId) => _members.GetValueOrDefault(RelationKeys.Member(kind, memberId));

    /// <summary>Every member kept here, present or not (as <see cref="RelationKeys.Member"/> keys).</summary>
    public IEnumerable<string> MemberKeys => _members.Keys;

    /// <summary>The members of one kind whose relation is present.</summary>
    public IEnumerable<string> Present(RelationKind kind) =>
        _members.Where(member => member.Value.Present).Select(member => RelationKeys.ParseMember(member.Key)).Where(parsed => parsed.Kind == kind).Select(parsed => parsed.MemberId);

    /// <summary>A copy with these changes kept (the caller checked there is room); <paramref name="hasRows"/> once a row is written.</summary>
    public InlineMembers With(IEnumerable<RelationChange> kept, bool hasRows)
    {
        var members = new Dictionary<string, StoredRelation>(_members, StringComparer.Ordinal);
        foreach (var change in kept)
        {
            members[RelationKeys.Member(change.Kind, change.MemberId)] = new StoredRelation(change.Present, change.Version, RowETag: null);
        }

        return new InlineMembers(members, HasRows || hasRows);
    }

    /// <summary>How many more members fit.</summary>
    public int Room => Max - _members.Count;

    /// <summary>Writes them into a counts row about to be stored.</summary>
    public void WriteTo(TableEntity countsRow)
    {
        var text = new StringBuilder();
        foreach (var (key, relation) in _members)
        {
            AppendEntry(text, key, relation.Present, relation.Version);
        }

        countsRow[Property] = text.ToString();
        countsRow[HasRowsProperty] = HasRows;
    }

    /// <summary>The entries a counts row's property holds: "{bh|wtg|list|sub}|{member}|{1|0}|{version}" per line (member ids never hold "|").</summary>
    public static IEnumerable<(RelationKind Kind, string MemberId, bool Present, long Version)> Parse(string? stored)
    {
        foreach (var line in (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParseEntry(line) is { } entry)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Appends one entry as a line, "{bh|wtg|list|sub}|{member}|{1|0}|{version}": the places' journal writes its lines so
    /// too, after the place (<see cref="PlaceJournalRow"/>).
    /// </summary>
    public static void AppendEntry(StringBuilder text, string memberKey, bool present, long version) =>
        text.Append(memberKey).Append('|').Append(present ? '1' : '0').Append('|')
            .Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>One entry written by <see cref="AppendEntry"/> (without its newline); null if it is not one.</summary>
    public static (RelationKind Kind, string MemberId, bool Present, long Version)? ParseEntry(string line) =>
        line.Split('|') is [var code, var memberId, ("1" or "0") and var present, var version]
        && RelationKeys.KindOf(code) is { } kind
        && long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedVersion)
            ? (kind, memberId, present == "1", parsedVersion)
            : null;
}
