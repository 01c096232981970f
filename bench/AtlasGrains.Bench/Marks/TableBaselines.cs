using System.Diagnostics;
using System.Globalization;
using AtlasGrains.Bench.Measuring;
using Azure.Data.Tables;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// Baselines Tc and Tb: what the same Azurite takes with nothing but Azure.Data.Tables in front of it. Tc is
/// single-entity upserts at the best of a few concurrencies; Tb is 100-entity transactions, each in its own
/// partition. Entities are about the size of a relation row. Tj, for information: what marks packed many to an
/// entity would cost to store. The tables are deleted afterwards, because Azurite slows as its data grows and the
/// scenarios that follow should not pay for the baselines' rows.
/// </summary>
/// <param name="processes">The processes whose CPU per entity is reported (this driver, Azurite), by name.</param>
internal sealed class TableBaselines(TableServiceClient tables, TimeSpan duration, IReadOnlyDictionary<string, int> processes)
{
    private static readonly int[] Concurrencies = [1, 8, 32, 64];

    /// <param name="CpuPerEntity">Each process's CPU per entity written, "driver 0.012 ms, azurite 0.061 ms": what an
    /// entity costs the client (the Azure SDK alone) and the store, to set against what a mark costs.</param>
    public sealed record Measured(double EntitiesPerSecond, int Concurrency, string CpuPerEntity);

    /// <summary>Tc: single-entity upserts; every concurrency tried, the best reported.</summary>
    public async Task<(Measured Best, IReadOnlyList<Measured> All)> SingleUpsertsAsync()
    {
        var table = await FreshTableAsync("benchtc");
        // Unmeasured: the first second pays for JIT, connections and Azurite's own warm-up.
        await RunAsync(8, async (worker, sequence) =>
        {
            await table.UpsertEntityAsync(Entity($"warm-w{worker}", sequence));
            return 1;
        }, TimeSpan.FromSeconds(1));
        var all = new List<Measured>();
        foreach (var concurrency in Concurrencies)
        {
            all.Add(await RunAsync(concurrency, async (worker, sequence) =>
            {
                await table.UpsertEntityAsync(Entity($"c{concurrency}-w{worker}", sequence));
                return 1;
            }));
        }

        await tables.DeleteTableAsync(table.Name);
        return (all.MaxBy(measured => measured.EntitiesPerSecond)!, all);
    }

    /// <summary>Tb: transactions of 100 upserts in one partition, a new partition for every transaction.</summary>
    public async Task<(Measured Best, IReadOnlyList<Measured> All)> BatchTransactionsAsync()
    {
        var table = await FreshTableAsync("benchtb");
        var all = new List<Measured>();
        foreach (var concurrency in new[] { 1, 4, 8 })
        {
            all.Add(await RunAsync(concurrency, async (worker, sequence) =>
            {
                var partition = $"c{concurrency}-w{worker}-b{sequence}";
                await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
                    .Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, row))));
                return 100;
            }));
        }

        await tables.DeleteTableAsync(table.Name);
        return (all.MaxBy(measured => measured.EntitiesPerSecond)!, all);
    }

    /// <summary>
    /// Tj: appends to a journal of packed marks, the design that would close S1's and S2's gaps (COUNTING.md's shape C;
    /// bench/findings/mark-cpu.md, "What it says about S1's targets"), measured before anyone builds it. Each append is
    /// one new entity holding <paramref name="marksPerEntity"/> marks of <see cref="JournalMarkBytes"/> bytes in one binary
    /// property, as a journal's group commit would store what arrived while the one before was in flight; each worker
    /// appends to a partition of its own, as a journal shard would. Counted in marks, so the rate is marks/s and the
    /// CPU is per mark; every concurrency tried, the best reported.
    /// </summary>
    public async Task<(Measured Best, IReadOnlyList<Measured> All)> PackedAppendsAsync(int marksPerEntity)
    {
        var table = await FreshTableAsync($"benchtj{marksPerEntity}");
        var marks = new byte[marksPerEntity * JournalMarkBytes];
        Random.Shared.NextBytes(marks);
        var all = new List<Measured>();
        foreach (var concurrency in new[] { 1, 8 })
        {
            all.Add(await RunAsync(concurrency, async (worker, sequence) =>
            {
                var shard = $"c{concurrency}-w{worker}";
                await table.AddEntityAsync(new TableEntity(shard, $"{shard}|segment-{sequence:D9}") { ["Marks"] = marks });
                return marksPerEntity;
            }));
        }

        await tables.DeleteTableAsync(table.Name);
        return (all.MaxBy(measured => measured.EntitiesPerSecond)!, all);
    }

    /// <summary>
    /// A journal entry's size: the user's and the place's ids (about 40 and 30 characters), the kind, whether it is
    /// marked, the user's change number and the time.
    /// </summary>
    public const int JournalMarkBytes = 96;

    private async Task<TableClient> FreshTableAsync(string name)
    {
        await tables.CreateTableIfNotExistsAsync(name);
        return tables.GetTableClient(name);
    }

    /// <summary>Runs workers for the duration; each call returns how many entities it wrote (Tj: how many marks).</summary>
    private async Task<Measured> RunAsync(int concurrency, Func<int, int, Task<int>> write, TimeSpan? runFor = null)
    {
        var until = runFor ?? duration;
        long entities = 0;
        var cpuBefore = ProcessCpu.Snapshot(processes);
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var sequence = 0; timer.Elapsed < until; sequence++)
            {
                Interlocked.Add(ref entities, await write(worker, sequence));
            }
        })));
        var elapsed = timer.Elapsed;
        var cpuPerEntity = string.Join(", ", ProcessCpu.UsedSince(cpuBefore).Select(process =>
            string.Create(CultureInfo.InvariantCulture, $"{process.Key} {process.Value.TotalMilliseconds / Math.Max(1, entities):F3} ms")));
        return new Measured(entities / elapsed.TotalSeconds, concurrency, cpuPerEntity);
    }

    /// <summary>
    /// The row key carries the partition key, as our own rows' keys do: Azurite finds a row by its row key first, so
    /// the same 100 keys in every partition (as these were until 28 November) made each upsert scan one row per
    /// partition written before, and held Tb to under half of what Azurite does (bench/README.md).
    /// </summary>
    private static TableEntity Entity(string partition, int row) => new(partition, $"{partition}|member-{row:D6}")
    {
        ["Kind"] = "BeenHere",
        ["Version"] = (long)row,
        ["ChangedAt"] = DateTimeOffset.UtcNow,
    };
}
