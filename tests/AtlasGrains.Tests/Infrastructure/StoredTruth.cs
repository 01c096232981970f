using AtlasGrains.Grains.Relations;
using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// Reads the durable truth straight from the tables, bypassing the grains: which marks users hold, and
/// what each place's counts row says. The oracle that fault tests compare the counts against.
/// </summary>
public sealed partial class StoredTruth(TableServiceClient tables, string tablePrefix)
{
    public StoredTruth(AtlasCluster cluster)
        : this(cluster.Tables, cluster.Identity.TablePrefix)
    {
    }

    /// <summary>The users' bucket tables, one per bucket (see AtlasTables).</summary>
    private IEnumerable<TableClient> UserMarks =>
        AtlasTables.BucketTables(AtlasTables.UserMarksTable, UserRows.Buckets).Select(name => tables.GetTableClient(tablePrefix + name));

    private TableClient ListItems => tables.GetTableClient(tablePrefix + "listitems");

    /// <summary>Every table that holds outbox rows: users' buckets, lists' items, places' buckets (their journal rows).</summary>
    private IEnumerable<TableClient> OutboxTables => UserMarks.Append(ListItems).Concat(PlaceRelations);

    /// <summary>(userId, kind, placeId) of every stored mark: in users' meta rows and in mark rows.</summary>
    public async Task<HashSet<(string UserId, RelationKind Kind, string PlaceId)>> MarksAsync()
    {
        var marks = new HashSet<(string, RelationKind, string)>();
        await foreach (var row in UserRowsAsync())
        {
            if (UserRows.TryParseMark(row.RowKey, out var userId, out var kind, out var placeId))
            {
                marks.Add((userId, KindOf(kind), placeId));
            }
            else if (UserRows.OwnerOfMetaRow(row.RowKey) is { } owner)
            {
                foreach (var (code, inlinePlace, _) in InlineMarks.Parse(row.GetString(InlineMarks.Property)))
                {
                    marks.Add((owner, KindOf(code), inlinePlace));
                }
            }
        }

        return marks;
    }

    private static RelationKind KindOf(string code) => code == "bh" ? RelationKind.BeenHere : RelationKind.WantToGo;

    /// <summary>(listId, placeId) of every item of every list that is not deleted.</summary>
    public async Task<HashSet<(string ListId, string PlaceId)>> ListItemsAsync()
    {
        var items = new HashSet<(string, string)>();
        var deleted = new HashSet<string>();
        await foreach (var row in RowsAsync(ListItems))
        {
            if (row.RowKey == "meta" && row.GetBoolean("Deleted") == true)
            {
                deleted.Add(row.PartitionKey);
            }
            else if (row.RowKey.StartsWith("item|", StringComparison.Ordinal))
            {
                items.Add((row.PartitionKey, row.RowKey["item|".Length..]));
            }
        }

        items.RemoveWhere(item => deleted.Contains(item.Item1));
        return items;
    }

    /// <summary>Each outbox row left, as "table partition row {properties}": what a failed drain shows.</summary>
    public async Task<List<string>> OutboxRowsDescribedAsync()
    {
        var rows = new List<string>();
        foreach (var table in OutboxTables)
        {
            await foreach (var row in RowsAsync(table))
            {
                if (IsOutboxRow(row))
                {
                    rows.Add($"{table.Name} {row.PartitionKey} {row.RowKey} Present={row.GetBoolean("Present")} Version={row.GetInt64("Version")} Owners={row.GetString("Owners")} Timestamp={row.Timestamp:O}");
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Outbox rows not yet swept: lists' rows, the wake-up rows of transactions that stored users' changes (a user's
    /// outbox is in its meta row, <see cref="UserPendingChanges"/>; its transaction's row stays until the places have
    /// them), and the places' journal rows (which stay until their places stored their counts rows). While any exist,
    /// some place may still be catching up.
    /// </summary>
    public async Task<int> OutboxRowsAsync()
    {
        var count = 0;
        foreach (var table in OutboxTables)
        {
            await foreach (var row in RowsAsync(table))
            {
                if (IsOutboxRow(row))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>A list's "pending|{place}", a user bucket's "~batch|{id}", or a place bucket's "~journal|{id}".</summary>
    private static bool IsOutboxRow(TableEntity row) =>
        row.RowKey.StartsWith("pending|", StringComparison.Ordinal) || BatchWakeUp.IsRow(row.RowKey) || PlaceJournalRow.IsRow(row.RowKey);

    /// <summary>The outbox entries a user's meta row holds (<see cref="UserPendingChanges"/>): delivered or not.</summary>
    public async Task<int> PendingEntriesOfAsync(string userId)
    {
        var meta = await UserMarks.ElementAt(UserRows.BucketOf(userId))
            .GetEntityIfExistsAsync<TableEntity>(UserRows.PartitionOf(userId), UserRows.Meta(userId));
        return meta.HasValue ? UserPendingChanges.Parse(meta.Value!.GetString(UserPendingChanges.Property), userId).Count() : 0;
    }

    /// <summary>Every row of every user bucket's table.</summary>
    private IAsyncEnumerable<TableEntity> UserRowsAsync() =>
        new AuditTables(tables, tablePrefix).BucketRowsAsync(AtlasTables.UserMarksTable, UserRows.Buckets);

    /// <summary>Every row of a table; none when the table was never created.</summary>
    private static async IAsyncEnumerable<TableEntity> RowsAsync(TableClient table)
    {
        var rows = table.QueryAsync<TableEntity>().GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await rows.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                yield break;
            }

            yield return rows.Current;
        }
    }

    /// <summary>
    /// Waits, polling, until every stored change has reached its place (by the audit: no outbox row newer than
    /// what its place applied, no deleted list still held by a place); fails after the timeout. Delivered rows
    /// that are not swept yet don't count: sweeping is housekeeping that rides on the owner's next write.
    /// </summary>
    public async Task WaitForOutboxDrainedAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await new RelationAudit(tables, tablePrefix).RunAsync() is var report && (report.ChangesInFlight > 0 || report.Places.Any(place => place.Settling)))
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"{report.ChangesInFlight} changes were still undelivered after {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until no outbox row is left at all: delivered and swept (what an owner does before it leaves the pending-owners journal).</summary>
    public async Task WaitForOutboxSweptAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await OutboxRowsAsync() is var left and > 0)
        {
            Assert.False(deadline.IsCancellationRequested, $"{left} outbox rows were still there after {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits until no owner is left with a wake-up: no user's or transaction's wake-up row, no subscriber in the
    /// pending-owners journal, no places' journal row. Every owner found nothing left to deliver or to store.
    /// </summary>
    public async Task WaitForJournalEmptyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var journal = tables.GetTableClient(tablePrefix + "pendingowners");
        while ((await RowsAsync(journal).CountAsync())
            + (await UserRowsAsync().CountAsync(row => row.RowKey.StartsWith(UserRows.WakePrefix, StringComparison.Ordinal) || BatchWakeUp.IsRow(row.RowKey)))
            + (await PlaceJournalRowsAsync()) is var left and > 0)
        {
            Assert.False(deadline.IsCancellationRequested, $"{left} owners were still in the journal after {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the place's row in the catalog carries its stored counts (its catalog shard stores them every few seconds).</summary>
    public async Task WaitForCatalogCountsAsync(string placeId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var catalog = tables.GetTableClient(tablePrefix + "places");
        while (true)
        {
            var row = (await catalog.GetEntityAsync<TableEntity>(CatalogShards.PartitionKey(CatalogShards.Of(placeId)), placeId)).Value;
            var stored = await StoredCountsAsync(placeId);
            if (new PlaceStats(row.GetInt32("BeenHere") ?? 0, row.GetInt32("WantToGo") ?? 0, row.GetInt32("Lists") ?? 0) == stored)
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested, $"The catalog never showed the counts of {placeId}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Keys of the subscribers whose stored state says they are subscribed to <paramref name="newsletterId"/>.</summary>
    public async Task<HashSet<string>> SubscribedAsync(string newsletterId)
    {
        var subscribed = new HashSet<string>();
        await foreach (var (key, state) in StoredSubscribers.ReadAsync(new AuditTables(tables, tablePrefix), CancellationToken.None))
        {
            if (state.Newsletters.TryGetValue(newsletterId, out var entry) && entry.Status == NewsletterStatus.Subscribed)
            {
                subscribed.Add(key);
            }
        }

        return subscribed;
    }
}
