using System.Diagnostics;
using System.Globalization;
using System.Text;
using AtlasGrains.Bench.Measuring;
using Azure.Data.Tables;

namespace AtlasGrains.Bench.Storage;

/// <summary>
/// What each kind of request costs Azurite in CPU, its one core being what the mark scenarios run out of: point reads
/// of present and missing rows (a new user's activation reads its missing meta row), single inserts, transactions of
/// 3 inserts (one user's mark), 12 and 100 into 16 shared partitions (as the silo writes its buckets), and of 100 into a
/// new partition each, as inserts and as upserts (Tb's). From the shared-partition transactions, a request's fixed cost
/// and an entity's; from those, the Azurite CPU of a mark as built (S1's request mix) and what a
/// mark may cost at 0.5 × Tb. Azurite's CPU is read from /proc before and after each kind.
/// </summary>
internal sealed class AzuriteCosts(TableServiceClient tables, int azuritePid, TextWriter output)
{
    private const string TableName = "benchcosts";
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(4);

    private readonly List<(string Request, Cost Cost)> _costs = [];
    private int _nextPartition;
    private int _nextRow;

    /// <summary>Azurite CPU per request, and requests per second at the concurrency used.</summary>
    private sealed record Cost(double CpuMsPerRequest, double RequestsPerSecond, int Entities, double CoresBusy)
    {
        public double CpuMsPerEntity => CpuMsPerRequest / Entities;
    }

    public async Task RunAsync(string resultsDirectory)
    {
        await tables.DeleteTableAsync(TableName);
        await tables.CreateTableAsync(TableName);
        var table = tables.GetTableClient(TableName);
        await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(row => new TableTransactionAction(TableTransactionActionType.Add, Entity("present", row))));

        // Two passes, the first unreported: Azurite (V8) is markedly slower until its code is optimized, and the
        // first kinds measured would pay for it.
        for (var pass = 1; pass <= 2; pass++)
        {
            _costs.Clear();
            await MeasureAsync("point read, row present", 8, 1, sequence => table.GetEntityIfExistsAsync<TableEntity>("present", RowKey(sequence % 100)));
            await MeasureAsync("point read, row missing", 8, 1, sequence => table.GetEntityIfExistsAsync<TableEntity>("present", $"missing-{sequence}"));
            // Into 16 partitions, as the silo writes its user buckets; Tb's transactions each open a new partition.
            await MeasureAsync("single insert", 8, 1, sequence => table.AddEntityAsync(Entity(Bucket(sequence), NextRow())));
            foreach (var (entities, inFlight) in new[] { (3, 8), (12, 8), (100, 1) })
            {
                await MeasureAsync($"transaction of {entities} inserts", inFlight, entities, sequence => table.SubmitTransactionAsync(Inserts(Bucket(sequence), entities)));
            }

            await MeasureAsync("transaction of 100 inserts, a new partition each", 1, 100, _ => table.SubmitTransactionAsync(Inserts(NewPartition(), 100)));
            await MeasureAsync("transaction of 100 upserts, a new partition each (Tb)", 1, 100, _ => table.SubmitTransactionAsync(
                Inserts(NewPartition(), 100).Select(insert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, insert.Entity))));
        }

        await tables.DeleteTableAsync(TableName);
        Write(resultsDirectory);
    }

    /// <summary>Sends the request from <paramref name="inFlight"/> loops for <see cref="RunFor"/>; each call gets its sequence number.</summary>
    private async Task MeasureAsync(string request, int inFlight, int entities, Func<int, Task> send)
    {
        // Unmeasured first: connections, JIT and Azurite's own warm-up.
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(send));
        var requests = 0;
        var cpuBefore = ProcessCpu.Used(azuritePid);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
        {
            for (var sequence = worker; clock.Elapsed < RunFor; sequence += inFlight)
            {
                await send(sequence);
                Interlocked.Increment(ref requests);
            }
        }));
        var elapsed = clock.Elapsed;
        var cpu = ProcessCpu.Used(azuritePid) - cpuBefore;
        var cost = new Cost(cpu.TotalMilliseconds / requests, requests / elapsed.TotalSeconds, entities, cpu / elapsed);
        _costs.Add((request, cost));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{request}: {cost.CpuMsPerRequest:F3} ms of Azurite CPU per request ({cost.CpuMsPerEntity:F3} per entity), {cost.RequestsPerSecond:F0} requests/s at {inFlight} in flight, Azurite {cost.CoresBusy:F2} cores busy"));
    }

    private string NewPartition() => $"p-{Interlocked.Increment(ref _nextPartition):D7}";

    private static string Bucket(int sequence) => $"bucket-{sequence % 16:D2}";

    private int NextRow() => Interlocked.Increment(ref _nextRow);

    private IEnumerable<TableTransactionAction> Inserts(string partition, int count) =>
        Enumerable.Range(0, count).Select(_ => new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, NextRow())));

    private static string RowKey(int row) => $"row-{row:D8}";

    private static TableEntity Entity(string partition, int row) => new(partition, RowKey(row))
    {
        ["Present"] = true,
        ["Version"] = (long)row,
    };

    private void Write(string resultsDirectory)
    {
        var costs = _costs.ToDictionary(entry => entry.Request, entry => entry.Cost);
        var three = costs["transaction of 3 inserts"];
        var hundred = costs["transaction of 100 inserts"];
        var tb = costs["transaction of 100 upserts, a new partition each (Tb)"];
        // A transaction as a fixed cost plus a cost per entity, through the 3- and 100-entity points.
        var perEntity = (hundred.CpuMsPerRequest - three.CpuMsPerRequest) / 97;
        var perTransaction = three.CpuMsPerRequest - 3 * perEntity;
        var missingRead = costs["point read, row missing"].CpuMsPerRequest;
        // S1's requests per acknowledged mark, counted by bench/profile-marks.sh (bench/results/marks-profile-s1.md), and
        // its entities by construction: a new user's meta, mark and outbox rows, the place's relation row, and a share of
        // the place's counts row.
        const double readsPerMark = 0.96, transactionsPerMark = 0.65, entitiesPerMark = 4.1;
        var halfTb = tb.RequestsPerSecond * 100 / 2;
        var asBuilt = readsPerMark * missingRead + transactionsPerMark * perTransaction + entitiesPerMark * perEntity;
        var text = new StringBuilder()
            .AppendLine($"# What a request costs Azurite (`bench/azurite-costs.sh`, {DateTime.UtcNow:yyyy-MM-dd})")
            .AppendLine()
            .AppendLine("Azurite's CPU (its process, from /proc) per request, in-memory Azurite alone on this machine, each kind for")
            .AppendLine($"{RunFor.TotalSeconds:F0} s. Azurite's JavaScript runs on one core, which the mark scenarios use up.")
            .AppendLine()
            .AppendLine("| request | Azurite CPU ms per request | per entity | requests/s | Azurite cores busy |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (request, cost) in _costs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {request} | {cost.CpuMsPerRequest:F3} | {cost.CpuMsPerEntity:F3} | {cost.RequestsPerSecond:F0} | {cost.CoresBusy:F2} |"));
        }

        text.AppendLine()
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"A transaction costs about {perTransaction:F3} ms plus {perEntity:F3} ms per entity (through the 3- and 100-entity rows)."))
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- S1's mark as built ({readsPerMark} missing-row reads, {transactionsPerMark} transactions and about {entitiesPerMark} entities per mark; bench/results/marks-profile-s1.md): about {asBuilt:F2} ms, so at most {1000 / asBuilt:F0} marks/s on one core."))
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- 0.5 × Tb is {halfTb:F0} marks/s here (Tb = {tb.RequestsPerSecond * 100:F0} entities/s). With all of one core, a mark may then cost Azurite {1000 / halfTb:F2} ms: {1000 / halfTb / perEntity:F1} entities' worth in transactions, less what its requests and reads cost."));
        Directory.CreateDirectory(resultsDirectory);
        File.WriteAllText(Path.Combine(resultsDirectory, "azurite-costs.md"), text.ToString());
        output.Write(text.ToString());
    }
}
