using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Tests.Infrastructure;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Storage;

/// <summary>
/// Many grains' writes to one partition share transactions, each grain's write still lands whole or not at all, and
/// one grain's conflict fails only that grain's write. Against the shared Azurite, counting the requests sent.
/// </summary>
public sealed class PartitionGroupCommitTests
{
    private const int Writers = 40;

    [Fact]
    public async Task Writes_that_arrive_together_share_transactions_and_each_gets_its_own_responses()
    {
        var (table, requests) = await NewTableAsync();
        var commit = new PartitionGroupCommit(table, new SemaphoreSlim(4));

        var written = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => commit.SubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|b")),
        ])));

        Assert.All(written, responses => Assert.Equal(2, responses.Count));
        Assert.All(written, responses => Assert.All(responses, response => Assert.NotNull(response.Headers.ETag)));
        Assert.Equal(Writers * 2, await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").CountAsync());
        Assert.InRange(requests.Transactions, 1, Writers - 1);
    }

    [Fact]
    public async Task Journal_lines_that_arrive_together_share_one_row_which_goes_when_every_claim_is_released()
    {
        var (table, requests) = await NewTableAsync();
        var commit = new PartitionGroupCommit(table, new SemaphoreSlim(1));

        var claims = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => commit.SubmitJournaledAsync("p", $"place{writer}|bh|u{writer}|1|1\n")));

        var rows = await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").ToListAsync();
        Assert.All(rows, row => Assert.True(PlaceJournalRow.IsRow(row.RowKey)));
        Assert.InRange(rows.Count, 1, Writers - 1);
        Assert.Equal(rows.Count, requests.Transactions);
        Assert.Equal(
            Enumerable.Range(0, Writers).Select(writer => ($"place{writer}", $"u{writer}")).Order(),
            rows.SelectMany(PlaceJournalRow.Parse).Select(line => (line.PlaceId, line.Change.MemberId)).Order());

        // Every claim but the first writer's: only the row holding its line stays.
        foreach (var claim in claims.Skip(1))
        {
            claim.Release();
        }

        await Until.TrueAsync(() => JournalRows(table).Count == 1, TimeSpan.FromSeconds(10));
        Assert.Contains(PlaceJournalRow.Parse(JournalRows(table)[0]), line => line.PlaceId == "place0");
        claims[0].Release();
        await Until.TrueAsync(() => JournalRows(table).Count == 0, TimeSpan.FromSeconds(10));
    }


    [Fact]
    public async Task A_conflicting_write_fails_alone_and_the_others_in_its_transaction_land()
    {
        var (table, _) = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "w7|a"));
        var commit = new PartitionGroupCommit(table, new SemaphoreSlim(4));

        var attempts = Enumerable.Range(0, Writers).Select(writer => commit.SubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|b")),
        ])).ToList();
        await Task.WhenAll(attempts.Select(attempt => attempt.ContinueWith(_ => { }, TaskScheduler.Default)));

        var failure = await Assert.ThrowsAnyAsync<RequestFailedException>(() => attempts[7]);
        Assert.Equal(409, failure.Status);
        Assert.All(attempts.Where((_, writer) => writer != 7), attempt => Assert.True(attempt.IsCompletedSuccessfully));
        var rows = await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").Select(row => row.RowKey).ToListAsync();
        Assert.DoesNotContain("w7|b", rows);
        Assert.Equal((Writers - 1) * 2 + 1, rows.Count);
    }

    [Fact]
    public async Task The_unit_storage_names_as_failed_is_tried_alone_and_the_others_share_one_transaction_again()
    {
        var (table, requests) = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "w7|a"));
        // The one slot is taken until every write has queued, so all of them go out in one transaction.
        var slot = new SemaphoreSlim(1);
        await slot.WaitAsync();
        var commit = new PartitionGroupCommit(table, slot);

        var attempts = Enumerable.Range(0, Writers).Select(writer => commit.SubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|b")),
        ])).ToList();
        slot.Release();
        await Task.WhenAll(attempts.Select(attempt => attempt.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(409, (await Assert.ThrowsAnyAsync<RequestFailedException>(() => attempts[7])).Status);
        Assert.All(attempts.Where((_, writer) => writer != 7), attempt => Assert.True(attempt.IsCompletedSuccessfully));
        Assert.Equal((Writers - 1) * 2 + 1, await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").CountAsync());
        // The shared transaction, the loser alone, the others together.
        Assert.Equal(3, requests.Transactions);
    }

    [Fact]
    public async Task Writes_that_ask_for_a_wake_up_share_one_row_naming_their_owners_which_the_last_release_deletes()
    {
        var (table, requests) = await NewTableAsync();
        // The one slot is taken until every write has queued, so all of them go out in one transaction.
        var slot = new SemaphoreSlim(1);
        await slot.WaitAsync();
        var commit = new PartitionGroupCommit(table, slot);

        var writes = Enumerable.Range(0, Writers).Select(writer => commit.SubmitWithWakeUpAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"w{writer}|a"))], $"owner{writer}")).ToList();
        slot.Release();
        var committed = await Task.WhenAll(writes);

        Assert.Equal(1, requests.Transactions);
        var wakeUp = Assert.Single(await WakeUpRowsAsync(table));
        Assert.Equal(Enumerable.Range(0, Writers).Select(writer => $"owner{writer}").Order(), BatchWakeUp.OwnersOf(wakeUp).Order());
        Assert.All(committed, unit => Assert.Single(unit.Responses));

        // Every owner but one is done: the row stays, for the one that may still need waking up after a crash.
        foreach (var unit in committed.Skip(1))
        {
            unit.WakeUp!.Release();
            unit.WakeUp.Release();
        }

        Assert.Single(await WakeUpRowsAsync(table));
        committed[0].WakeUp!.Release();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await WakeUpRowsAsync(table)).Count > 0)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<List<TableEntity>> WakeUpRowsAsync(TableClient table) =>
        await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").Where(row => BatchWakeUp.IsRow(row.RowKey)).ToListAsync();

    private static async Task<(TableClient Table, RequestCounter Requests)> NewTableAsync()
    {
        var requests = new RequestCounter();
        var service = TableServiceClients.Create((await Azurite.SharedAsync()).ConnectionString, options => options.AddPolicy(requests, HttpPipelinePosition.PerCall));
        var table = TableServiceClients.TableOf(service, $"groupcommit{Guid.NewGuid():N}");
        await table.CreateAsync();
        return (table, requests);
    }

    /// <summary>Counts the transactions (batch requests) the client sends.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _transactions;

        public int Transactions => _transactions;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _transactions);
            }
        }
    }

    /// <summary>The rows of the test's partition, all of them journal rows.</summary>
    private static List<TableEntity> JournalRows(TableClient table) => [.. table.Query<TableEntity>(row => row.PartitionKey == "p")];
}
