using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Audit;

/// <summary>
/// Recounts every place from the durable truth, read straight from the tables (not through grains): users' marks
/// (in their meta rows and mark rows) and the item rows of lists that are not deleted. Compares the recount with each place's counts row and
/// relation rows (and the members its base counts row keeps or a hot shard packs in chunk rows, with the changes the places' journal holds for them); newsletters likewise (<see cref="SubscriberCountAudit"/>). The operator's audit and the chaos
/// test's oracle.
/// </summary>
public sealed class RelationAudit(TableServiceClient tables, string tablePrefix)
{
    private readonly AuditTables _tables = new(tables, tablePrefix);

    public async Task<AuditReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var stored = new Dictionary<string, RelationCounts>();
        var rows = new HashSet<(string Place, RelationKind Kind, string Member)>();

        // The newest version each place applied per relation: an outbox entry at or below it was delivered (only not swept yet).
        var applied = new Dictionary<(string Place, RelationKind Kind, string Member), long>();
        // The journal is read before the rest, and again as the scan meets it: a place writes its counts row before its
        // journal rows go, so changes stored between the two are in the counts rows the scan reads. (Read only after its
        // partition's counts rows, a journal row stored meanwhile would be gone.) A change seen twice applies once.
        var journaled = await JournaledAsync(cancellationToken);
        await foreach (var row in _tables.BucketRowsAsync(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.Buckets, cancellationToken))
        {
            if (PlaceJournalRow.IsRow(row.RowKey))
            {
                journaled.AddRange(PlaceJournalRow.Parse(row));
                continue;
            }

            // A place's rows are spread over its shards (named in each row key, whichever partition holds them); each
            // shard's counts row counts its own rows.
            if (RelationKeys.ScopeOf(row.RowKey) is not { } scope)
            {
                continue;
            }

            var place = RelationShards.OwnerOf(scope);
            if (RelationKeys.IsCounts(row.RowKey))
            {
                stored[place] = stored.GetValueOrDefault(place, RelationCounts.None).Plus(RelationCounts.Read(row));

                // A quiet place's first members are kept in its base counts row, as its rows would hold them.
                Keep(place, InlineMembers.Parse(row.GetString(InlineMembers.Property)), applied, rows);
            }
            else if (MemberChunks.IsRow(row.RowKey))
            {
                // A hot place's shard packs its members, as its rows would hold them.
                Keep(place, MemberChunks.Parse(row), applied, rows);
            }
            else if (RelationKeys.Parse(row.RowKey, scope) is var (kind, member))
            {
                applied[(place, kind, member)] = row.GetInt64("Version") ?? 0;
                if (row.GetBoolean("Present") == true)
                {
                    rows.Add((place, kind, member));
                }
            }
        }

        ApplyJournaled(journaled, stored, rows, applied);

        var truth = new HashSet<(string Place, RelationKind Kind, string Member)>();
        var inFlight = new HashSet<string>();
        var changesInFlight = 0;

        // A user's outbox entries (in its meta row) may be delivered already: only those of users a transaction's
        // wake-up row still names can be on their way (UserPendingChanges).
        var outboxes = new List<(string UserId, PendingDelivery Entry)>();
        var woken = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _tables.BucketRowsAsync(AtlasTables.UserMarksTable, UserRows.Buckets, cancellationToken))
        {
            // "{user}|mark|{code}|{place}", "{user}|meta" (marks and outbox) and "~batch|{id}", in the users' buckets (see UserRows).
            if (UserRows.TryParseMark(row.RowKey, out var userId, out var code, out var placeId) && Kind(code) is { } kind)
            {
                truth.Add((placeId, kind, userId));
            }
            else if (UserRows.OwnerOfMetaRow(row.RowKey) is { } owner)
            {
                foreach (var (inlineCode, inlinePlace, _) in InlineMarks.Parse(row.GetString(InlineMarks.Property)))
                {
                    truth.Add((inlinePlace, Kind(inlineCode)!.Value, owner));
                }

                outboxes.AddRange(UserPendingChanges.Parse(row.GetString(UserPendingChanges.Property), owner).Select(entry => (owner, entry)));
            }
            else if (BatchWakeUp.IsRow(row.RowKey))
            {
                woken.UnionWith(BatchWakeUp.OwnersOf(row));
            }
        }

        foreach (var (userId, entry) in outboxes.Where(outbox => woken.Contains(outbox.UserId)
            && applied.GetValueOrDefault((outbox.Entry.PlaceId, outbox.Entry.Change.Kind, outbox.UserId)) < outbox.Entry.Change.Version))
        {
            inFlight.Add(entry.PlaceId);
            changesInFlight++;
        }

        var deletedLists = new HashSet<string>();
        var listItems = new List<(string ListId, string PlaceId)>();
        await foreach (var row in _tables.RowsAsync(AtlasTables.ListItemsTable, cancellationToken: cancellationToken))
        {
            if (row.RowKey == "meta" && row.GetBoolean("Deleted") == true)
            {
                deletedLists.Add(row.PartitionKey);
            }
            else if (row.RowKey.StartsWith("item|", StringComparison.Ordinal))
            {
                listItems.Add((row.PartitionKey, row.RowKey["item|".Length..]));
            }
            else if (RelationOutbox.IsOutboxRow(row.RowKey)
                && row.RowKey[RelationOutbox.RowPrefix.Length..] is var placeId
                && Undelivered(applied, (placeId, RelationKind.List, row.PartitionKey), row))
            {
                inFlight.Add(placeId);
                changesInFlight++;
            }
        }

        foreach (var (listId, placeId) in listItems.Where(item => !deletedLists.Contains(item.ListId)))
        {
            truth.Add((placeId, RelationKind.List, listId));
        }

        // A deleted list still holding item rows is being taken out of its places.
        foreach (var (_, placeId) in listItems.Where(item => deletedLists.Contains(item.ListId)))
        {
            inFlight.Add(placeId);
        }

        var truthByPlace = ByPlace(truth);
        var rowsByPlace = ByPlace(rows);
        var audits = truthByPlace.Keys.Concat(rowsByPlace.Keys).Concat(stored.Keys).Distinct().Order(StringComparer.Ordinal).Select(placeId =>
        {
            var held = truthByPlace.GetValueOrDefault(placeId) ?? [];
            var counted = rowsByPlace.GetValueOrDefault(placeId) ?? [];
            var recomputed = held.Aggregate(RelationCounts.None, (counts, relation) => counts.Add(relation.Kind, 1));
            var mismatches = held.Except(counted)
                .Select(relation => new RelationMismatch(relation.Kind, relation.Member, InTruth: true, InPlaceRows: false))
                .Concat(counted.Except(held).Select(relation => new RelationMismatch(relation.Kind, relation.Member, InTruth: false, InPlaceRows: true)))
                .ToList();
            return new PlaceAudit(
                placeId,
                stored.GetValueOrDefault(placeId, RelationCounts.None).ToPlaceStats(),
                recomputed.ToPlaceStats(),
                mismatches,
                inFlight.Contains(placeId));
        }).ToList();
        var (newsletters, subscriberChangesInFlight) = await new SubscriberCountAudit(_tables).RunAsync(cancellationToken);
        return new AuditReport(audits, newsletters, changesInFlight + subscriberChangesInFlight);
    }

    /// <summary>Members a row holds packed, taken as if each had its own relation row.</summary>
    private static void Keep(
        string place,
        IEnumerable<(RelationKind Kind, string Member, bool Present, long Version)> members,
        Dictionary<(string Place, RelationKind Kind, string Member), long> applied,
        HashSet<(string Place, RelationKind Kind, string Member)> rows)
    {
        foreach (var (kind, member, present, version) in members)
        {
            applied[(place, kind, member)] = version;
            if (present)
            {
                rows.Add((place, kind, member));
            }
        }
    }

    /// <summary>The changes the places' journal rows hold, bucket by bucket (each bucket's rows are in its own partition).</summary>
    private async Task<List<(string PlaceId, RelationChange Change)>> JournaledAsync(CancellationToken cancellationToken)
    {
        var journaled = new List<(string PlaceId, RelationChange Change)>();
        for (var bucket = 0; bucket < PlaceRelationBuckets.Buckets; bucket++)
        {
            var journalRows = TableClient.CreateQueryFilter(
                $"PartitionKey eq {PlaceRelationBuckets.PartitionKeyOf(bucket)} and RowKey ge {PlaceJournalRow.RowPrefix} and RowKey lt {PlaceJournalRow.RowEnd}");
            await foreach (var row in _tables.RowsAsync(AtlasTables.BucketTable(AtlasTables.PlaceRelationsTable, bucket), journalRows, cancellationToken))
            {
                journaled.AddRange(PlaceJournalRow.Parse(row));
            }
        }

        return journaled;
    }

    /// <summary>
    /// The changes the places' journal holds, applied as their places apply them (the newest version per member wins;
    /// counts move when presence flips): a change there is stored, its counts row written later or replayed after a crash.
    /// </summary>
    private static void ApplyJournaled(
        List<(string PlaceId, RelationChange Change)> journaled,
        Dictionary<string, RelationCounts> stored,
        HashSet<(string Place, RelationKind Kind, string Member)> rows,
        Dictionary<(string Place, RelationKind Kind, string Member), long> applied)
    {
        foreach (var member in journaled.GroupBy(line => (line.PlaceId, line.Change.Kind, line.Change.MemberId)))
        {
            var newest = member.MaxBy(line => line.Change.Version).Change;
            if (newest.Version <= applied.GetValueOrDefault(member.Key))
            {
                continue;
            }

            applied[member.Key] = newest.Version;
            if (newest.Present ? rows.Add(member.Key) : rows.Remove(member.Key))
            {
                stored[member.Key.PlaceId] = stored.GetValueOrDefault(member.Key.PlaceId, RelationCounts.None).Add(newest.Kind, newest.Present ? 1 : -1);
            }
        }
    }

    private static bool Undelivered(
        Dictionary<(string Place, RelationKind Kind, string Member), long> applied, (string Place, RelationKind Kind, string Member) relation, TableEntity outboxRow) =>
        applied.GetValueOrDefault(relation) < (outboxRow.GetInt64("Version") ?? 0);

    private static Dictionary<string, HashSet<(RelationKind Kind, string Member)>> ByPlace(
        IEnumerable<(string Place, RelationKind Kind, string Member)> relations) =>
        relations.GroupBy(relation => relation.Place)
            .ToDictionary(group => group.Key, group => group.Select(relation => (relation.Kind, relation.Member)).ToHashSet());

    private static RelationKind? Kind(string code) => code switch
    {
        "bh" => RelationKind.BeenHere,
        "wtg" => RelationKind.WantToGo,
        "list" => RelationKind.List,
        _ => null,
    };
}
