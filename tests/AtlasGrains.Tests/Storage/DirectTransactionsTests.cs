using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Storage.Transactions;
using AtlasGrains.Tests.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Storage;

/// <summary>
/// Our tables send entity-group transactions without the SDK's transaction code (<see cref="DirectTransactions"/>):
/// against the shared Azurite, every kind of action and every type of property lands as Azure.Data.Tables would have
/// written it, each action is answered with its ETag, and a refused transaction stores nothing and names the action
/// that failed, as the SDK's exception does.
/// </summary>
public sealed class DirectTransactionsTests
{
    /// <summary>Keys with what an entity's address must escape: quotes, pipes, spaces, a tilde, non-ASCII.</summary>
    private const string Partition = "p|1 'x'";

    [Fact]
    public async Task Every_property_type_lands_as_written()
    {
        var table = await NewTableAsync();
        var written = new TableEntity(Partition, "row|'o'~ é")
        {
            ["Text"] = "quote \" apostrophe ' newline \n tab \t é 😀",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Large"] = long.MaxValue - 1,
            ["Negative"] = -5L,
            ["Real"] = 1.5,
            ["At"] = new DateTimeOffset(2026, 12, 6, 12, 30, 15, 123, TimeSpan.FromHours(2)),
            ["Id"] = Guid.NewGuid(),
            ["Bytes"] = new byte[] { 0, 1, 2, 250 },
        };

        var answers = await table.SubmitEntityGroupAsync([new TableTransactionAction(TableTransactionActionType.Add, written)]);

        var stored = (await table.GetEntityAsync<TableEntity>(written.PartitionKey, written.RowKey)).Value;
        Assert.Equal(stored.ETag, Assert.Single(answers).Headers.ETag);
        Assert.Equal(written["Text"], stored.GetString("Text"));
        Assert.Equal(true, stored.GetBoolean("Flag"));
        Assert.Equal(42, stored.GetInt32("Small"));
        Assert.Equal(long.MaxValue - 1, stored.GetInt64("Large"));
        Assert.Equal(-5L, stored.GetInt64("Negative"));
        Assert.Equal(1.5, stored.GetDouble("Real"));
        Assert.Equal(((DateTimeOffset)written["At"]).ToUniversalTime(), stored.GetDateTimeOffset("At"));
        Assert.Equal(written["Id"], stored.GetGuid("Id"));
        Assert.Equal((byte[])written["Bytes"], stored.GetBinary("Bytes"));
    }

    [Fact]
    public async Task Every_kind_of_action_lands_and_is_answered_with_its_etag()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity(Partition, "replaced") { ["Old"] = "gone" });
        await table.AddEntityAsync(new TableEntity(Partition, "merged") { ["Kept"] = "kept" });
        await table.AddEntityAsync(new TableEntity(Partition, "deleted"));
        var replacedETag = (await table.GetEntityAsync<TableEntity>(Partition, "replaced")).Value.ETag;

        var answers = await table.SubmitEntityGroupAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, "added")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, "replaced") { ["New"] = 1 }, replacedETag),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, "merged") { ["Added"] = 2 }, ETag.All),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, "upserted") { ["Value"] = 3 }),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(Partition, "upsert-merged") { ["Value"] = 4 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, "deleted"), ETag.All),
        ]);

        Assert.Equal(6, answers.Count);
        Assert.All(answers.Take(5), answer => Assert.NotNull(answer.Headers.ETag));
        var rows = await table.QueryAsync<TableEntity>(row => row.PartitionKey == Partition).ToDictionaryAsync(row => row.RowKey);
        Assert.Equal(["added", "merged", "replaced", "upsert-merged", "upserted"], rows.Keys.Order());
        Assert.Equal(rows["replaced"].ETag, answers[1].Headers.ETag);
        Assert.Null(rows["replaced"].GetString("Old"));
        Assert.Equal(1, rows["replaced"].GetInt32("New"));
        Assert.Equal("kept", rows["merged"].GetString("Kept"));
        Assert.Equal(2, rows["merged"].GetInt32("Added"));
        Assert.Equal(3, rows["upserted"].GetInt32("Value"));
        Assert.Equal(4, rows["upsert-merged"].GetInt32("Value"));
    }

    [Fact]
    public async Task A_refused_transaction_stores_nothing_and_names_the_action_that_failed()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity(Partition, "r07"));
        var staleETag = (await table.GetEntityAsync<TableEntity>(Partition, "r07")).Value.ETag;
        await table.UpdateEntityAsync(new TableEntity(Partition, "r07") { ["Moved"] = true }, ETag.All);

        var conflict = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitEntityGroupAsync(
            [.. Enumerable.Range(0, 10).Select(row => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, $"r{row:D2}")))]));
        var stale = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitEntityGroupAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, "new")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, "r07"), staleETag),
        ]));

        Assert.Equal((409, 7), (conflict.Status, conflict.FailedTransactionActionIndex));
        Assert.Equal((412, 1), (stale.Status, stale.FailedTransactionActionIndex));
        Assert.True(TableErrors.IsStaleView(stale));
        Assert.Equal(["r07"], await table.QueryAsync<TableEntity>(row => row.PartitionKey == Partition).Select(row => row.RowKey).ToListAsync());
    }

    [Fact]
    public void An_answer_without_one_response_per_action_is_never_taken_as_success()
    {
        // The service's layout (a changeset answering two inserts), cut after its first response.
        const string Answer =
            "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n" +
            "--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\nETag: W/\"datetime'2026-12-06T11%3A39%3A24.4723672Z'\"\r\n\r\n\r\n" +
            "--changesetresponse_1--\r\n--batchresponse_1--\r\n";

        var whole = TransactionAnswer.Read(System.Text.Encoding.ASCII.GetBytes(Answer), actions: 1);
        Assert.Throws<RequestFailedException>(() => TransactionAnswer.Read(System.Text.Encoding.ASCII.GetBytes(Answer), actions: 2));

        Assert.Equal(new ETag("W/\"datetime'2026-12-06T11%3A39%3A24.4723672Z'\""), Assert.Single(whole).Headers.ETag);
    }

    private static async Task<TableClient> NewTableAsync()
    {
        var service = TableServiceClients.Create((await Azurite.SharedAsync()).ConnectionString);
        var table = TableServiceClients.TableOf(service, $"direct{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }
}
