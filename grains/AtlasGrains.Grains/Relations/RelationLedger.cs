using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// Everything a counted thing (a place, a newsletter) knows about who holds it. A quiet thing keeps it all in its
/// base partition. A hot one opens shards (<see cref="RelationShards"/>): from then on a new member's rows go to the
/// shard its id hashes to, while members already in the base partition stay there (so nothing moves, and a
/// member's rows are found in one of two places). Each shard keeps its own counts exact; the thing's counts are
/// their sum. A commit writes each touched shard in its own transaction, in parallel; a change is never split.
/// A place's base shard keeps its first members in its counts row rather than in rows (<see cref="InlineMembers"/>), and
/// may store their changes in the places' journal first and its counts row later (<see cref="StoreJournaledAsync"/>).
/// </summary>
internal sealed partial class RelationLedger
{
    /// <summary>Changes per commit: at most 99 land in one shard, whose transaction also writes its counts row (100 operations).</summary>
    public const int MaxChangesPerCommit = 99;

    /// <summary>A commit this large means callers are queueing behind commits: the thing is hot, so it opens its shards.</summary>
    private const int HotBatch = 32;

    /// <summary>Members past which the base partition stops taking new ones, hot or not.</summary>
    private const int BaseMembersLimit = 2_000;

    private const int MaxAttempts = 5;

    private readonly TableClient _table;
    private readonly string _ownerKey;
    private readonly int _shardCount;
    private readonly AtlasMetrics _metrics;
    private readonly PlaceRelationBuckets? _buckets;
    private readonly RelationShard _base;

    /// <summary>The shards past the base, once opened: null for all but hot things (memory: 100,000 places active).</summary>
    private Dictionary<int, RelationShard>? _openedShards;

    /// <summary>Relations this activation has written: not taken as new, so an unmark doesn't first try an insert.</summary>
    private readonly RecentKeys _seen = new(capacity: 50_000);

    /// <summary>
    /// Once the shards are open, every member stored in the base partition, read once (a few thousand at most: the
    /// shards open at 2,000). The set can't grow: new members go to their shards from then on, and a writer that didn't
    /// see the shards open can't add one to the base partition either (its transaction carries the base counts row's
    /// old ETag). So a member not in it is new to the base partition for certain, and its mark costs no read there.
    /// Null until needed, and after every reload.
    /// </summary>
    private HashSet<string>? _baseMembers;

    /// <param name="buckets">Where the base shard lives, if it shares a bucket (places); else in a partition of its own.</param>
    /// <param name="journals">Whether the base shard may store changes in its bucket's journal before its counts row.</param>
    public RelationLedger(TableClient table, string ownerKey, int shardCount, AtlasMetrics metrics, PlaceRelationBuckets? buckets = null, bool journals = false)
    {
        (_table, _ownerKey, _shardCount, _metrics, _buckets) = (table, ownerKey, shardCount, metrics, buckets);
        _base = NewShard(0, journals);
    }

    public RelationCounts Counts => _openedShards is null
        ? _base.Counts
        : _openedShards.Values.Aggregate(_base.Counts, (sum, shard) => sum.Plus(shard.Counts));

    private RelationShard Base => _base;

    /// <summary>The base shard, then the opened ones.</summary>
    private IEnumerable<RelationShard> Shards => _openedShards is null ? [_base] : [_base, .. _openedShards.Values];

    private long AllShards => _shardCount == 1 ? 0 : ((1L << _shardCount) - 1) & ~1L;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _baseMembers = null;
        await Base.LoadAsync(cancellationToken);
        _openedShards = null;

        await LoadOpenShardsAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the changes durably: in the counts row and relation rows, or, for changes the base shard keeps in its counts
    /// row, in the journal (unless <paramref name="storeNow"/>). Stale or repeated versions are skipped.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<RelationChange> changes, bool storeNow = false)
    {
        var newest = Newest(changes);
        var optimistic = true;
        var carried = new List<WakeUpClaim>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await OpenShardsIfHotAsync(newest.Count);
                if (optimistic && _openedShards is not null)
                {
                    _baseMembers ??= await Base.StoredMembersAsync();
                }

                var homes = await Task.WhenAll(newest.Select(change => FindHomeAsync(change, optimistic)));
                var applied = await Task.WhenAll(homes.GroupBy(home => home.Shard).Select(group =>
                    group.Key.CommitAsync([.. group.Select(home => (home.Change, home.Stored))], mayJournal: !storeNow)));
                var appliedByOthers = applied.SelectMany(changes => changes).Any(change => !_seen.Contains(MemberKey(change)));
                _seen.Remember(newest.Select(MemberKey));
                carried.ForEach(claim => claim.Release());
                if (appliedByOthers)
                {
                    // Rows this activation never wrote already hold these changes: a writer we didn't hear from applied
                    // them (an activation on a silo that died, whose last commit landed after we loaded). Our counts
                    // may not include them, and no write of ours would find out, since there is nothing to write.
                    await ReloadAsync();
                }

                return;
            }
            catch (Exception ex) when (TableErrors.IsStaleView(ex) && attempt < MaxAttempts)
            {
                // A member guessed new had a row after all (409): look the rows up. Otherwise another activation
                // wrote, or an earlier commit landed without our hearing back: reload, then look up again, with the
                // changes this activation had stored in the journal only (they are applied again on what storage holds).
                if (!(optimistic && ex is TableTransactionFailedException { Status: 409 }))
                {
                    var (unstored, claims) = Base.TakeUnstored();
                    await LoadAsync();
                    newest = Newest([.. unstored, .. newest]);
                    carried.AddRange(claims);
                }

                optimistic = false;
            }
        }
    }

    private static List<RelationChange> Newest(IEnumerable<RelationChange> changes) =>
        [.. changes.GroupBy(MemberKey).Select(group => group.MaxBy(change => change.Version)!)];

    /// <summary>Rewrites every shard's counts row from its present relation rows. Callers serialize it with commits.</summary>
    public async Task RecountAsync()
    {
        await StoreJournaledAsync();
        await LoadAsync();
        await Task.WhenAll(Shards.Select(shard => shard.RecountAsync()));
    }

    /// <summary>The members among <paramref name="memberIds"/> whose relation row is present.</summary>
    public async Task<string[]> HoldingAsync(RelationKind kind, string[] memberIds)
    {
        var present = await Task.WhenAll(memberIds.Select(async memberId =>
            (await Task.WhenAll(Candidates(memberId).Select(shard => shard.ReadAsync(kind, memberId))))
            .Any(stored => stored?.Present == true)));
        return [.. memberIds.Where((_, i) => present[i])];
    }

    /// <summary>Present members of one kind in key order, after <paramref name="afterMemberId"/>: each shard's first page, merged.</summary>
    public async Task<string[]> MembersAsync(RelationKind kind, string? afterMemberId, int limit)
    {
        var pages = await Task.WhenAll(Shards.Select(shard => shard.FirstMembersAsync(kind, afterMemberId, limit)));
        return [.. pages.SelectMany(page => page).Order(StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>
    /// Where a change's rows live: the base partition or the member's open shard, whichever has them; a new member's
    /// go to its shard once open. Optimistically, a member this activation hasn't seen and who now holds the place is
    /// taken as new without reading its row: the insert then fails (409) if it had one, and the commit looks again.
    /// That saves a read per mark, since most marks are a member's first. When the member might be in either, a row
    /// in the base partition would not make the insert into its own shard fail, so the base is asked first: its
    /// frozen member set (<see cref="_baseMembers"/>), and only for a member in it, its row.
    /// </summary>
    private async Task<(RelationShard Shard, RelationChange Change, StoredRelation? Stored)> FindHomeAsync(RelationChange change, bool optimistic)
    {
        var candidates = Candidates(change.MemberId);
        if (optimistic && change.Present && !_seen.Contains(MemberKey(change)))
        {
            var mayBeInBase = candidates.Length > 1 && _baseMembers?.Contains(MemberKey(change)) != false;
            var inBase = mayBeInBase ? await Base.ReadAsync(change.Kind, change.MemberId) : null;
            return inBase is null ? (candidates[^1], change, null) : (Base, change, inBase);
        }

        var stored = await Task.WhenAll(candidates.Select(shard => shard.ReadAsync(change.Kind, change.MemberId)));
        var found = Array.FindIndex(stored, relation => relation is not null);
        return found >= 0 ? (candidates[found], change, stored[found]) : (candidates[^1], change, null);
    }

    private static string MemberKey(RelationChange change) => RelationKeys.Member(change.Kind, change.MemberId);

    /// <summary>The base shard, then the member's own shard if it is open.</summary>
    private RelationShard[] Candidates(string memberId) =>
        _openedShards is not null && _openedShards.TryGetValue(RelationShards.Of(memberId, _shardCount), out var own) ? [Base, own] : [Base];

    private async Task OpenShardsIfHotAsync(int batchSize)
    {
        var members = Base.Counts.Total;
        if (AllShards != 0 && (Base.OpenShards & AllShards) != AllShards && (batchSize >= HotBatch || members >= BaseMembersLimit))
        {
            // Opening writes the base counts row, which reloads on a stale view and so would drop the changes stored in
            // the journal only until the sweeper replays them: stored first, they are applied again on what storage holds.
            await StoreJournaledAsync();
            // Recorded first: a shard holding rows the base shard doesn't list would be missed by the next load.
            await Base.OpenAsync(AllShards);
            await LoadOpenShardsAsync();
        }
    }

    /// <summary>Loads the open shards this activation doesn't know yet (another activation may have opened them).</summary>
    private async Task LoadOpenShardsAsync(CancellationToken cancellationToken = default)
    {
        var missing = Enumerable.Range(1, _shardCount - 1)
            .Where(shard => (Base.OpenShards & Bit(shard)) != 0 && _openedShards?.ContainsKey(shard) != true)
            .Select(shard => (Number: shard, Shard: NewShard(shard)))
            .ToList();
        await Task.WhenAll(missing.Select(loading => loading.Shard.LoadAsync(cancellationToken)));
        foreach (var (number, shard) in missing)
        {
            (_openedShards ??= [])[number] = shard;
        }
    }

    private RelationShard NewShard(int shard, bool journals = false)
    {
        var scope = RelationShards.PartitionKey(_ownerKey, shard);
        if (shard == 0 && _buckets is not null)
        {
            var bucket = PlaceRelationBuckets.PartitionOf(_ownerKey);
            return new RelationShard(_table, scope, bucket, _buckets.CommitsOf(_table, bucket), isBase: true, keepsMembersInline: true, journals, packsMembers: false, _metrics);
        }

        // A hot place's shards take members only once it is hot, many at a time, so they pack them; newsletters keep rows.
        return new RelationShard(
            _table, scope, scope, bucketCommits: null, isBase: shard == 0, keepsMembersInline: false, journals: false, packsMembers: _buckets is not null && shard > 0, _metrics);
    }

    private static long Bit(int shard) => 1L << shard;
}
