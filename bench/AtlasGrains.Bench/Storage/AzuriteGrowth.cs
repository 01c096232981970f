using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Bench.Storage;

/// <summary>
/// What an entity costs Azurite as its table grows: the baselines Tc and Tb write into an empty table, while the mark
/// scenarios run against tables of hundreds of thousands of rows. At each size, one request at a time (so the time is
/// Azurite's own): 100-entity transactions that replace existing rows, that delete rows, that insert new ones, point
/// reads and range queries. In Azurite's in-memory store (LokiJS) a replace is a remove plus an insert, and a remove shifts the
/// collection's array and its indexes, so its cost follows the table's size.
/// </summary>
internal sealed class AzuriteGrowth(TableServiceClient tables, IReadOnlyList<int> sizes, TextWriter output)
{
    private const int Transactions = 20;
    private const int PointReads = 200;

    private readonly List<string> _rows = [];
    private int _stored;

    public async Task RunAsync(string resultsDirectory)
    {
        const string name = "benchgrowth";
        await tables.DeleteTableAsync(name);
        await tables.CreateTableAsync(name);
        var table = tables.GetTableClient(name);
        foreach (var size in sizes)
        {
            await FillAsync(table, size);
            // Rows replaced, then deleted, then read, are the first 2,000 (present at every size); the inserts go to
            // partitions of their own, as Tb's do.
            var replace = await TimeAsync(Transactions, batch => table.SubmitTransactionAsync(Batch(batch, TableTransactionActionType.UpdateReplace)));
            var delete = await TimeAsync(Transactions, batch => table.SubmitTransactionAsync(Batch(batch, TableTransactionActionType.Delete)));
            var insert = await TimeAsync(Transactions, batch => table.SubmitTransactionAsync(Enumerable.Range(0, 100)
                .Select(row => new TableTransactionAction(TableTransactionActionType.Add, Entity($"new-{size}-{batch}", row)))));
            // Put the deleted rows back, so the next size starts whole.
            await TimeAsync(Transactions, batch => table.SubmitTransactionAsync(Batch(batch, TableTransactionActionType.Add)));
            var read = await TimeAsync(PointReads, read => table.GetEntityAsync<TableEntity>(Partition(read % Transactions), RowKey(read % Transactions * 100 + read % 100)));
            // A user's range in its bucket: ten rows of one partition.
            var query = await TimeAsync(PointReads, query =>
            {
                var (partition, first) = (Partition(query % Transactions), query % Transactions * 100 + query % 90);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowKey(first)} and RowKey lt {RowKey(first + 10)}");
                return table.QueryAsync<TableEntity>(filter).ToListAsync().AsTask();
            });
            _rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {_stored:N0} | {replace / 100:F2} | {delete / 100:F2} | {insert / 100:F2} | {read:F2} | {query:F2} |"));
            output.WriteLine(_rows[^1]);
        }

        await tables.DeleteTableAsync(name);
        Write(resultsDirectory);
    }

    private async Task FillAsync(TableClient table, int size)
    {
        // Four transactions in flight: filling is not what is measured.
        while (_stored < size)
        {
            var first = _stored / 100;
            var count = Math.Min(4, (size - _stored + 99) / 100);
            await Task.WhenAll(Enumerable.Range(first, count).Select(batch => table.SubmitTransactionAsync(Batch(batch, TableTransactionActionType.Add))));
            _stored += count * 100;
        }
    }

    /// <summary>Milliseconds per call, the calls one after another.</summary>
    private static async Task<double> TimeAsync(int calls, Func<int, Task> call)
    {
        var timer = Stopwatch.StartNew();
        for (var index = 0; index < calls; index++)
        {
            await call(index);
        }

        return timer.Elapsed.TotalMilliseconds / calls;
    }

    private static IEnumerable<TableTransactionAction> Batch(int batch, TableTransactionActionType type) =>
        Enumerable.Range(0, 100).Select(row => new TableTransactionAction(type, Entity(Partition(batch), batch * 100 + row), ETag.All));

    private static string Partition(int batch) => $"p-{batch:D5}";

    private static string RowKey(int row) => $"row-{row:D6}";

    private static TableEntity Entity(string partition, int row) => new(partition, RowKey(row))
    {
        ["Kind"] = "BeenHere",
        ["Version"] = (long)row,
        ["ChangedAt"] = DateTimeOffset.UtcNow,
    };

    private void Write(string resultsDirectory)
    {
        var text = new StringBuilder()
            .AppendLine($"Azurite's cost per entity as its table grows (`bench/azurite-growth.sh`, {DateTime.UtcNow:yyyy-MM-dd}): milliseconds, one")
            .AppendLine("request at a time, in-memory Azurite alone on this machine; transactions of 100 in one partition.")
            .AppendLine()
            .AppendLine("| rows in the table | replace, per entity | delete, per entity | insert, per entity | point read | range query of 10 rows |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var row in _rows)
        {
            text.AppendLine(row);
        }

        Directory.CreateDirectory(resultsDirectory);
        File.WriteAllText(Path.Combine(resultsDirectory, "azurite-growth.md"), text.ToString());
    }
}
