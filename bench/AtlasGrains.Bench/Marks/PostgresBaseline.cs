using System.Globalization;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// P-hot and P-uniform: what a team would otherwise build, the same marks on PostgreSQL, measured by
/// bench/postgres.sh with pgbench before the Orleans system started (so the two never shared the CPU) and handed
/// over as a key=value file (--Bench:PostgresResults). Each becomes a baseline row, with p50/p99 from pgbench's
/// per-transaction logs, and S1 and S2 get a row each with their ratio to it: the issue's S1 >= 2 x P-hot and,
/// as a stretch, S2 >= 1 x P-uniform.
/// </summary>
internal sealed class PostgresBaseline(IReadOnlyDictionary<string, string> figures)
{
    public static void AddRows(MarksTable table, string? resultsFile, LoadResult s1, LoadResult s2)
    {
        if (string.IsNullOrEmpty(resultsFile) || !File.Exists(resultsFile))
        {
            table.Finding("PostgreSQL: not measured (POSTGRES=0, or no --Bench:PostgresResults).");
            return;
        }

        var baseline = new PostgresBaseline(File.ReadLines(resultsFile)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]));
        var hot = baseline.Run("hot");
        var uniform = baseline.Run("uniform");
        table.Baseline("P-hot: PostgreSQL hot place (pgbench)", hot.PerSecond, "committed marks/s", baseline.Note("hot"), hot);
        table.Baseline("P-uniform: PostgreSQL uniform marks (pgbench)", uniform.PerSecond, "committed marks/s", baseline.Note("uniform"), uniform);
        table.Scenario("S1 hot place vs PostgreSQL", s1.PerSecond, "acked marks/s", s1, s1.PerSecond / hot.PerSecond, "S1/P-hot", 2.0,
            atMost: false, "issue: at least twice what PostgreSQL does on one hot place");
        table.Scenario("S2 uniform vs PostgreSQL (stretch)", s2.PerSecond, "acked marks/s", s2, s2.PerSecond / uniform.PerSecond, "S2/P-uniform", 1.0,
            atMost: false, "issue's stretch goal: at least what PostgreSQL does on uniform marks");
    }

    /// <summary>
    /// One pgbench run as a load result: its committed transactions, over the time its reported tps implies
    /// (pgbench leaves the clients' connection time out), and every transaction's latency from its logs.
    /// </summary>
    private LoadResult Run(string name)
    {
        var transactions = Number($"{name}_transactions");
        var elapsed = TimeSpan.FromSeconds(transactions / Number($"{name}_tps"));
        var histogram = LoadResult.NewHistogram();
        var log = figures[$"{name}_log"];
        // pgbench writes one log per thread (prefix.pid, prefix.pid.1); a line is
        // "client transaction latency_us script epoch_s epoch_us".
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(log)!, Path.GetFileName(log) + ".*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var latency = long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
                LoadResult.Record(histogram, TimeSpan.FromMicroseconds(latency));
            }
        }

        return new LoadResult((long)transactions, (long)Number($"{name}_failed"), elapsed, histogram);
    }

    /// <summary>Exact when the counters add up to the rows: a counter moved only when its insert inserted.</summary>
    private string Note(string name)
    {
        var places = name == "hot" ? "one place" : $"{figures["places"]} places";
        var rows = figures[$"{name}_rows"];
        var counted = figures[$"{name}_counted"];
        var exactness = rows == counted ? $"counts exact ({counted} rows)" : $"counts NOT exact: {counted} counted vs {rows} rows";
        return $"{places}, {figures[$"{name}_clients"]} clients (the best; committed/s by clients: {figures[$"{name}_tried"]}), {figures["seconds"]} s, PostgreSQL {figures["version"]}, " +
            $"{figures["durability"]}; {figures[$"{name}_failed"]} failed; {exactness}";
    }

    private double Number(string key) => double.Parse(figures[key], CultureInfo.InvariantCulture);
}
