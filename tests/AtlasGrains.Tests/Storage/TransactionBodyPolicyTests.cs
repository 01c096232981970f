using AtlasGrains.Grains.Storage;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Storage;

/// <summary>
/// The silo's table clients send a transaction's body serialized once (<see cref="TransactionBodyPolicy"/>): against
/// the shared Azurite, a transaction still lands whole with every entity's answer, and a refused one still names the
/// action that failed, which the group commits split on.
/// </summary>
public sealed class TransactionBodyPolicyTests
{
    [Fact]
    public async Task A_transaction_lands_whole_and_answers_each_entity()
    {
        var table = await NewTableAsync();

        var answers = await table.SubmitTransactionAsync([.. Enumerable.Range(0, 50).Select(row =>
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{row:D2}") { ["Text"] = new string('x', 500) }))]);

        Assert.Equal(50, answers.Value.Count);
        Assert.All(answers.Value, answer => Assert.NotNull(answer.Headers.ETag));
        Assert.Equal(50, await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").CountAsync());
    }

    [Fact]
    public async Task A_refused_transaction_names_the_action_that_failed_and_stores_nothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r07"));

        var refused = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [.. Enumerable.Range(0, 10).Select(row => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{row:D2}")))]));

        Assert.Equal(7, refused.FailedTransactionActionIndex);
        Assert.Equal(1, await table.QueryAsync<TableEntity>(row => row.PartitionKey == "p").CountAsync());
    }

    private static async Task<TableClient> NewTableAsync()
    {
        var table = TableServiceClients.Create((await Azurite.SharedAsync()).ConnectionString).GetTableClient($"body{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }
}
