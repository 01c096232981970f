using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Storage.Transactions;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// One shard of a counted thing's relations (its <see cref="Scope"/>): one row per (kind, member) with the newest
/// version applied, and a counts row. Every commit writes the changed relation rows and the counts row in one
/// entity-group transaction, guarded by ETags, so the shard's counts always equal its present rows. The rows live in
/// <see cref="PartitionKey"/>: the scope's own partition, or a bucket shared with other places' base shards, whose
/// transactions then carry other places' commits too (<paramref name="bucketCommits"/>). The base shard's counts row also
/// records which other shards are open (<see cref="OpenShards"/>), so loading reads only those. A place's base shard
/// keeps its first members in the counts row instead of rows (<see cref="InlineMembers"/>, when
/// <paramref name="keepsMembersInline"/>), so a quiet place's commit writes one entity; with <paramref name="journals"/>,
/// a commit whose changes all stay in the counts row writes none of its own: it stores them as lines of the bucket's
/// journal row (<see cref="PlaceJournalRow"/>), shared by every place in the transaction, and the counts row waits for
/// <see cref="StoreAsync"/>, which stores many commits' changes in one write. A hot place's shard packs its members into
/// chunk rows instead (<see cref="MemberChunks"/>, when <paramref name="packsMembers"/>), so a commit of many first marks
/// rewrites a chunk or two, not a row per member; its counts row says so (<see cref="PackedProperty"/>), since a shard
/// first written before packing keeps a row per member, as it always did.
/// </summary>
internal sealed partial class RelationShard(
    TableClient table,
    string scope,
    string partitionKey,
    PartitionGroupCommit? bucketCommits,
    bool isBase,
    bool keepsMembersInline,
    bool journals,
    bool packsMembers,
    AtlasMetrics metrics)
{
    private const string OpenShardsProperty = "Shards";

    /// <summary>Set on the counts row of a shard that packs its members into chunk rows, from its first write.</summary>
    public const string PackedProperty = "Packed";
    private const int MaxAttempts = 5;
    private ETag? _countsETag;

    /// <summary>The members kept in the counts row; null when this shard keeps none (its members are all in rows).</summary>
    private InlineMembers? _inline;

    /// <summary>The members packed in chunk rows; null when this shard keeps them in rows (or in the counts row).</summary>
    private MemberChunks? _chunks;

    public RelationCounts Counts { get; private set; } = RelationCounts.None;


    /// <summary>Bit k set: shard k is open, so new members hashed to k go there. Stored on the base shard only, before shard k's first write.</summary>
    public long OpenShards { get; private set; }

    public string PartitionKey => partitionKey;

    /// <summary>For the other parts of the class, which can't see the constructor's parameters.</summary>
    private TableClient Table => table;

    private AtlasMetrics Metrics => metrics;

    public string Scope => scope;

    /// <summary>
    /// Reads the counts row. Changes stored in the journal only are dropped from memory, claims and all: their journal
    /// rows then stay until the sweeper replays them here (callers that can re-apply them take them first, <see cref="TakeUnstored"/>).
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        DropUnstored();
        var counts = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RelationKeys.Counts(scope), cancellationToken: cancellationToken);
        var row = counts.HasValue ? counts.Value : null;
        Counts = row is null ? RelationCounts.None : RelationCounts.Read(row);
        OpenShards = row?.GetInt64(OpenShardsProperty) ?? 0;
        _countsETag = row?.ETag;
        _inline = keepsMembersInline ? InlineMembers.Read(row) : null;
        // A shard's first write decides for good: a counts row without the property predates packing.
        _chunks = !packsMembers ? null
            : row is null ? new MemberChunks()
            : row.GetBoolean(PackedProperty) == true ? await MemberChunks.LoadAsync(table, partitionKey, scope, cancellationToken)
            : null;
    }

    /// <summary>
    /// Applies changes whose relations live in this shard, given as read just before (null: none stored, or a member
    /// taken as new unread), in one transaction with the counts row; stale or repeated versions are skipped. A member
    /// kept in the counts row stays there; a new one goes there while there is room and no row exists, else gets a row
    /// (an insert, which fails if a member taken as new had one); when all stay in the counts row and <paramref name="mayJournal"/>,
    /// they are stored in the journal, the row later. Throws a stale-view error when another writer got
    /// there first: the caller reloads and looks the rows up again. Answers the changes it found applied already in rows
    /// read just before, which the counts it loaded may not include (a packed shard answers none: its memory agrees with its counts).
    /// </summary>
    public async Task<List<RelationChange>> CommitAsync(IReadOnlyList<(RelationChange Change, StoredRelation? Stored)> changes, bool mayJournal)
    {
        if (_chunks is not null)
        {
            return await CommitPackedAsync(_chunks, [.. changes.Select(change => change.Change)]);
        }

        var actions = new List<TableTransactionAction>(changes.Count + 1);
        var counts = Counts;
        var applied = new List<RelationChange>();
        var kept = new List<RelationChange>();
        var room = _inline?.Room ?? 0;
        foreach (var (change, given) in changes)
        {
            var stored = given ?? _inline?.Find(change.Kind, change.MemberId);
            if (stored is not null && stored.Version >= change.Version)
            {
                applied.Add(change);
                continue;
            }

            if (stored is { IsInline: true } || (stored is null && _inline is { HasRows: false } && room > 0))
            {
                room -= stored is null ? 1 : 0;
                kept.Add(change);
            }
            else
            {
                var entity = new TableEntity(partitionKey, RelationKeys.Relation(change.Kind, change.MemberId, scope))
                {
                    ["Present"] = change.Present,
                    ["Version"] = change.Version,
                };
                actions.Add(stored is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, stored.RowETag!.Value));
            }

            if ((stored?.Present ?? false) != change.Present)
            {
                counts = counts.Add(change.Kind, change.Present ? 1 : -1);
            }
        }

        if (actions.Count == 0 && kept.Count == 0)
        {
            return applied;
        }

        var inline = _inline?.With(kept, hasRows: actions.Count > 0);
        if (journals && mayJournal && actions.Count == 0 && PlaceJournalRow.Lines(scope, kept) is { Length: <= PlaceJournalRow.MaxCharacters } lines)
        {
            // The journal row is durable as the counts row would be: a crash leaves it for the sweeper to replay here.
            var claim = await bucketCommits!.SubmitJournaledAsync(partitionKey, lines);
            metrics.PlaceCommitted(kept.Count);
            (_inline, Counts) = (inline, counts);
            Journaled(kept, claim);
            return applied;
        }

        actions.Add(CountsAction(counts, OpenShards, inline));
        var response = await SubmitAsync(actions);
        metrics.PlaceCommitted(actions.Count - 1 + kept.Count);
        _inline = inline;
        await RememberCountsAsync(counts, OpenShards, response[^1].Headers.ETag);
        return applied;
    }

    private async Task<IReadOnlyList<Response>> SubmitAsync(IReadOnlyList<TableTransactionAction> actions) =>
        bucketCommits is null ? await table.SubmitEntityGroupAsync(actions) : await bucketCommits.SubmitAsync(actions);

    /// <summary>Rewrites the counts row from the present relation rows. Callers serialize it with commits.</summary>
    public Task RecountAsync() => WithRetriesAsync(TryRecountAsync);

    /// <summary>Records on the base shard that more shards are open, before anything is written to them.</summary>
    public Task OpenAsync(long shards) => WithRetriesAsync(async () =>
    {
        if ((OpenShards | shards) != OpenShards)
        {
            await WriteCountsAsync(Counts, OpenShards | shards);
        }
    });

    private async Task WithRetriesAsync(Func<Task> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception ex) when (TableErrors.IsStaleView(ex) && number < MaxAttempts)
            {
                // Another activation wrote, or an earlier write landed without our hearing back: reload and redo.
                await LoadAsync();
            }
        }
    }

    private async Task TryRecountAsync()
    {
        var counts = Enum.GetValues<RelationKind>().Aggregate(RelationCounts.None, (sum, kind) => sum.Add(kind, InlinePresent(kind).Count() + PackedPresent(kind).Count()));
        await foreach (var (kind, _) in RelationsAsync(presentOnly: true))
        {
            counts = counts.Add(kind, 1);
        }

        await WriteCountsAsync(counts, OpenShards);
    }

    private async Task WriteCountsAsync(RelationCounts counts, long usedShards)
    {
        var response = await SubmitAsync([CountsAction(counts, usedShards, _inline)]);
        await RememberCountsAsync(counts, usedShards, response[0].Headers.ETag);
    }

    private TableTransactionAction CountsAction(RelationCounts counts, long usedShards, InlineMembers? inline)
    {
        var row = counts.ToRow(partitionKey, scope);
        if (isBase && usedShards != 0)
        {
            row[OpenShardsProperty] = usedShards;
        }

        inline?.WriteTo(row);
        if (_chunks is not null)
        {
            row[PackedProperty] = true;
        }

        return _countsETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
    }

    private async Task RememberCountsAsync(RelationCounts counts, long usedShards, ETag? etag)
    {
        Counts = counts;
        OpenShards = usedShards;
        _countsETag = etag;

        // Every write of the counts row stores what memory holds, the journal's changes included.
        StoredAll();
        if (_countsETag is null)
        {
            await LoadAsync();
        }
    }
}
