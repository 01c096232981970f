using System.Text;
using AtlasGrains.Abstractions.Places;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// A hot place's shard keeps its members packed, <see cref="PerChunk"/> to an entity (a chunk row), instead of a relation
/// row each. New members are appended to the last chunk, so a commit of 99 first marks rewrites one or two chunks and the
/// counts row rather than 100 entities: Azure Table serves about 2,000 entities/s per partition, and on Azurite a
/// partition of 20,000 rows made each of its operations slower (bench/results/cpu-profile-s1.md). Every chunk is read
/// when the shard loads, so memory knows every member and a mark needs no read and no insert to tell a new member from
/// an old one. The counts row is in every commit with its ETag, as it guards the relation rows, so a stale writer's
/// commit fails whole.
/// </summary>
internal sealed class MemberChunks
{
    /// <summary>
    /// Members per chunk. An entry is at most about 110 characters (<see cref="InlineMembers.AppendEntry"/>), stored as
    /// UTF-16: a chunk stays under storage's 64 KiB per property, and a commit touching 99 chunks under its 4 MiB.
    /// </summary>
    public const int PerChunk = 128;

    private const string RowPrefix = "chunk|";

    private readonly Dictionary<string, Entry> _members = new(StringComparer.Ordinal);
    private readonly List<Chunk> _chunks = [];

    private readonly record struct Entry(int Chunk, bool Present, long Version);

    /// <summary>A chunk's members in the order they joined it, and its row's ETag once stored.</summary>
    private sealed record Chunk(List<string> MemberKeys, ETag? ETag);

    /// <summary>What a commit writes: the chunks it changes, as actions, and what memory takes on once they are stored.</summary>
    public sealed record Write(
        IReadOnlyList<TableTransactionAction> Actions, IReadOnlyList<int> Chunks, IReadOnlyDictionary<string, (int Chunk, bool Present, long Version)> Members);

    /// <summary>The chunk row's key: it names its scope as every row key of a relations table does (<see cref="RelationKeys"/>).</summary>
    public static string RowKey(string scope, int chunk) => $"{RowPrefix}{scope}|{chunk:D6}";

    public static bool IsRow(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>Reads every chunk row of the scope in its partition.</summary>
    public static async Task<MemberChunks> LoadAsync(TableClient table, string partitionKey, string scope, CancellationToken cancellationToken)
    {
        var chunks = new MemberChunks();
        // '}' sorts right after '|': the range holds this scope's chunk rows and nothing else.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey gt {$"{RowPrefix}{scope}|"} and RowKey lt {$"{RowPrefix}{scope}}}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            chunks.Add(row);
        }

        return chunks;
    }

    /// <summary>The members a chunk row holds: its entries as <see cref="InlineMembers"/> writes them.</summary>
    public static IEnumerable<(RelationKind Kind, string MemberId, bool Present, long Version)> Parse(TableEntity chunkRow) =>
        InlineMembers.Parse(chunkRow.GetString(InlineMembers.Property));

    public StoredRelation? Find(RelationKind kind, string memberId) =>
        _members.TryGetValue(RelationKeys.Member(kind, memberId), out var entry) ? new StoredRelation(entry.Present, entry.Version, RowETag: null) : null;

    /// <summary>Every member kept here, present or not (as <see cref="RelationKeys.Member"/> keys).</summary>
    public IEnumerable<string> MemberKeys => _members.Keys;

    /// <summary>The members of one kind whose relation is present.</summary>
    public IEnumerable<string> Present(RelationKind kind)
    {
        foreach (var (key, entry) in _members)
        {
            if (entry.Present && RelationKeys.ParseMember(key) is var (memberKind, memberId) && memberKind == kind)
            {
                yield return memberId;
            }
        }
    }

    /// <summary>
    /// The chunk rows that store these changes (each newer than what is kept, one per member): a member kept already is
    /// rewritten in its chunk, a new one appended to the last chunk, or to a new one once that is full.
    /// </summary>
    public Write Plan(string partitionKey, string scope, IReadOnlyList<RelationChange> changes)
    {
        var members = new Dictionary<string, (int Chunk, bool Present, long Version)>(StringComparer.Ordinal);
        var appended = new Dictionary<int, List<string>>();
        foreach (var change in changes)
        {
            var key = RelationKeys.Member(change.Kind, change.MemberId);
            var chunk = _members.TryGetValue(key, out var kept) ? kept.Chunk : Append(key, appended);
            members[key] = (chunk, change.Present, change.Version);
        }

        var touched = members.Values.Select(member => member.Chunk).Distinct().Order().ToList();
        var actions = touched.Select(chunk =>
        {
            var row = new TableEntity(partitionKey, RowKey(scope, chunk)) { [InlineMembers.Property] = Text(chunk, appended, members) };
            return chunk < _chunks.Count && _chunks[chunk].ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, row);
        }).ToList();
        return new Write(actions, touched, members);
    }

    /// <summary>Takes on a write once storage answered it, with each chunk's new ETag in the write's order.</summary>
    public void Apply(Write write, IReadOnlyList<ETag?> etags)
    {
        foreach (var (key, (chunk, present, version)) in write.Members)
        {
            while (_chunks.Count <= chunk)
            {
                _chunks.Add(new Chunk([], ETag: null));
            }

            if (!_members.ContainsKey(key))
            {
                _chunks[chunk].MemberKeys.Add(key);
            }

            _members[key] = new Entry(chunk, present, version);
        }

        for (var i = 0; i < write.Chunks.Count; i++)
        {
            _chunks[write.Chunks[i]] = _chunks[write.Chunks[i]] with { ETag = etags[i] };
        }
    }

    private int Append(string key, Dictionary<int, List<string>> appended)
    {
        var last = Math.Max(_chunks.Count - 1, appended.Count == 0 ? 0 : appended.Keys.Max());
        var size = (last < _chunks.Count ? _chunks[last].MemberKeys.Count : 0) + (appended.TryGetValue(last, out var added) ? added.Count : 0);
        var chunk = size < PerChunk ? last : last + 1;
        (appended.TryGetValue(chunk, out var list) ? list : appended[chunk] = []).Add(key);
        return chunk;
    }

    /// <summary>A chunk's entries as they will be stored: what it keeps, with this write's changes and appended members.</summary>
    private string Text(int chunk, Dictionary<int, List<string>> appended, Dictionary<string, (int Chunk, bool Present, long Version)> changed)
    {
        var text = new StringBuilder();
        IEnumerable<string> keys = chunk < _chunks.Count ? _chunks[chunk].MemberKeys : [];
        foreach (var key in keys.Concat(appended.GetValueOrDefault(chunk) ?? []))
        {
            var (present, version) = changed.TryGetValue(key, out var change) ? (change.Present, change.Version) : (_members[key].Present, _members[key].Version);
            InlineMembers.AppendEntry(text, key, present, version);
        }

        return text.ToString();
    }

    private void Add(TableEntity row)
    {
        var chunk = int.Parse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), System.Globalization.CultureInfo.InvariantCulture);
        while (_chunks.Count <= chunk)
        {
            _chunks.Add(new Chunk([], ETag: null));
        }

        _chunks[chunk] = new Chunk([], row.ETag);
        foreach (var (kind, memberId, present, version) in Parse(row))
        {
            var key = RelationKeys.Member(kind, memberId);
            _chunks[chunk].MemberKeys.Add(key);
            _members[key] = new Entry(chunk, present, version);
        }
    }
}
