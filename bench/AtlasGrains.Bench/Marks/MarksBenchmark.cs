using System.Diagnostics;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;
using Azure.Data.Tables;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// Issue 9's marks and reads benchmark, first slice: baselines Tc, Tb (Azurite alone) and K (bare Kestrel), then
/// S1 hot place, S2 uniform marks and S3 place reads through the gateway, all in one run against one system, and
/// the table of ratios to the baselines. Seeding goes through the grains; users get minted tokens, not accounts.
/// </summary>
internal sealed class MarksBenchmark(IGrainFactory grains, TableServiceClient tables, Uri gateway, BenchTokens tokens, MarksSettings settings, TextWriter report)
{
    public async Task RunAsync()
    {
        var table = new MarksTable(
            $"Marks and reads, one silo + gateway + in-memory Azurite on this machine: {settings.Places:N0} places, S1 {settings.HotUsers:N0} users on one place ({settings.HotRounds} rounds), " +
            $"S2 {settings.UniformMarks:N0} marks by {settings.Users:N0} users, {settings.Workers} requests in flight for closed loops ({settings.MarkWorkers} for S1 and S2).");

        var baselines = new TableBaselines(tables, settings.BaselineDuration, settings.Processes().Where(process => process.Key is "driver" or "azurite").ToDictionary());
        var (tc, tcAll) = await baselines.SingleUpsertsAsync();
        var (tb, tbAll) = await baselines.BatchTransactionsAsync();
        await report.WriteLineAsync($"Tc: {string.Join(", ", tcAll.Select(m => $"{m.EntitiesPerSecond:F0}/s at {m.Concurrency}"))}");
        await report.WriteLineAsync($"Tb: {string.Join(", ", tbAll.Select(m => $"{m.EntitiesPerSecond:F0}/s at {m.Concurrency}"))}");
        table.Baseline("Tc: Azurite single-entity upserts", tc.EntitiesPerSecond, "entities/s", $"best of concurrency 1/8/32/64: {tc.Concurrency}; CPU per entity: {tc.CpuPerEntity}");
        table.Baseline("Tb: Azurite 100-entity transactions", tb.EntitiesPerSecond, "entities/s", $"best of 1/4/8 in flight: {tb.Concurrency}; CPU per entity: {tb.CpuPerEntity}");
        await AddJournalRowAsync(baselines, table);

        var seeding = Stopwatch.StartNew();
        await new CatalogSeeder(grains, seed: 42).CreatePlacesAsync(settings.Places);
        var scenarioUsers = Math.Max(settings.HotUsers * settings.HotRounds, settings.Users);
        var userTokens = tokens.Mint(scenarioUsers + settings.WarmUpUsers);
        await report.WriteLineAsync($"Seeded {settings.Places:N0} places and {userTokens.Length:N0} user tokens in {seeding.Elapsed.TotalSeconds:F1} s.");

        using var http = LoadClient.Create(gateway, settings.Workers);
        // Reads before marks: each mark leaves a delivery reminder behind that ticks a minute later, and that
        // background work would otherwise land in the reads' tail.
        var reads = await new ReadScenario(http, settings).RunAsync(report);
        var (kMax, s3Max) = (reads.Max.Median.K, reads.Max.Median.S3);
        var (kOpen, s3Open) = (reads.Open.Median.K, reads.Open.Median.S3);
        table.Baseline("K: bare Kestrel, same JSON, max", kMax.PerSecond, "req/s", "closed loop, the median round", kMax);
        table.Scenario("S3 GET /api/places/{id}, max", s3Max.PerSecond, "req/s", s3Max, reads.Max.MedianRatio, "S3/K req/s", 0.5,
            atMost: false, $"closed loop, {s3Max.Failed:N0} failed; median of rounds {reads.Max.Describe()}");
        table.Baseline("K at S3's offered rate", kOpen.PerSecond, "req/s", F($"open loop at {reads.OfferedPerSecond:F0}/s, the median round"), kOpen);
        table.Scenario("S3 at 50% of its max", s3Open.PerSecond, "req/s", s3Open, reads.Open.MedianRatio, "S3/K p99", 3.0,
            atMost: true, F($"open loop at {reads.OfferedPerSecond:F0}/s, latency from intended send, {s3Open.Failed:N0} failed; median of rounds {reads.Open.Describe()}"));

        using var markHttp = LoadClient.Create(gateway, settings.MarkWorkers);
        var marks = new MarkScenarios(markHttp, grains, userTokens, new MarkDrain(grains, settings.DrainTimeout), settings.MarkWorkers, settings.Processes());
        var warmUpMarks = await marks.WarmUpAsync(scenarioUsers, settings.WarmUpUsers, settings.Places, settings.WarmUpDuration);
        await report.WriteLineAsync(F($"Warm-up: {warmUpMarks:N0} want-to-go marks by users of their own in {settings.WarmUpDuration.TotalSeconds:F0} s."));
        // bench/profile-marks.sh reads this window out of the store's request log.
        await report.WriteLineAsync(F($"Marks window starts {DateTime.UtcNow:O}"));
        var s1Rounds = new List<MarkScenarios.Result>();
        for (var round = 0; round < settings.HotRounds; round++)
        {
            s1Rounds.Add(await marks.HotPlaceAsync(CatalogSeeder.PlaceId(round), round * settings.HotUsers, settings.HotUsers));
            await report.WriteLineAsync($"S1 round {round + 1}: {s1Rounds[^1].Load.PerSecond:F0} marks/s; {s1Rounds[^1].Describe()}");
        }

        var s1 = s1Rounds.OrderBy(round => round.Load.PerSecond).ElementAt(s1Rounds.Count / 2);
        // bench/profile-cpu.sh waits for this line: S2 begins after it.
        await report.WriteLineAsync($"S1: {s1.Load.PerSecond:F0} marks/s, the median of {s1Rounds.Count} rounds");
        table.Scenario("S1 hot place: PUT been-here", s1.Load.PerSecond, "acked marks/s", s1.Load, s1.Load.PerSecond / tb.EntitiesPerSecond, "S1/Tb", 0.5,
            atMost: false, F($"the median of {s1Rounds.Count} rounds, each {settings.HotUsers:N0} new users on a place of its own: {string.Join(", ", s1Rounds.Select(round => $"{round.Load.PerSecond:N0}"))} marks/s; {DescribeRounds(s1Rounds, s1)}"));

        var s2 = await marks.UniformAsync(settings.UniformMarks, settings.Users, firstPlace: settings.HotRounds, settings.Places);
        await report.WriteLineAsync(F($"Marks window ends {DateTime.UtcNow:O}"));
        await report.WriteLineAsync($"S2: {s2.Load.PerSecond:F0} marks/s; {s2.Describe()}");
        table.Scenario("S2 uniform: PUT been-here", s2.Load.PerSecond, "acked marks/s", s2.Load, s2.Load.PerSecond / tc.EntitiesPerSecond, "S2/Tc", 1.0,
            atMost: false, s2.Describe());

        // Both scenarios' marks once more: the same requests, tokens, user grains and calls to the places, and nothing
        // to write. After "Marks window ends", so bench/profile-marks.sh's requests per mark stay S1's and S2's own.
        var s1Again = await marks.AgainAsync(s1);
        await report.WriteLineAsync($"S1 again: {s1Again.Load.PerSecond:F0} marks/s; {s1Again.Describe()}");
        table.Measured("S1 again: the same marks, nothing to store", s1Again.Load.PerSecond, "acked marks/s", s1Again.Load,
            s1Again.Load.PerSecond / tb.EntitiesPerSecond, "S1 again/Tb", F($"the median round's {s1Again.Marks.Length:N0} marks sent again, each stored already: the most S1's path (request, token, user grain, call to the place) carries here with its writes free; {s1Again.Describe()}"));
        var s2Again = await marks.AgainAsync(s2);
        await report.WriteLineAsync($"S2 again: {s2Again.Load.PerSecond:F0} marks/s; {s2Again.Describe()}");
        table.Measured("S2 again: the same marks, nothing to store", s2Again.Load.PerSecond, "acked marks/s", s2Again.Load,
            s2Again.Load.PerSecond / tc.EntitiesPerSecond, "S2 again/Tc", F($"S2's {s2Again.Marks.Length:N0} marks sent again, each stored already: S2's path with its writes free; {s2Again.Describe()}"));

        var servers = settings.Processes().Where(process => process.Key != "driver").ToDictionary();
        var (settled, quiet) = await QuietSystem.WaitAsync(servers, TimeSpan.FromMinutes(2));
        await report.WriteLineAsync(F($"Before S4: waited {settled.TotalSeconds:F0} s for the servers to go quiet after S2 ({(quiet ? "they did" : "they did not, S4 starts anyway")})."));
        await LoadWindow.StartAsync(report, "S4 lists");
        var s4 = await new ListScenario(http, userTokens, new MarkDrain(grains, settings.DrainTimeout), settings.Processes()).RunAsync(settings.Lists, settings.ListItems, settings.Places);
        await LoadWindow.EndAsync(report, "S4 lists");
        await s4.ReportAsync(table, report);
        var s5 = await new NewsletterBurst(http, grains, new MarkDrain(grains, settings.DrainTimeout), settings.Workers).RunAsync(settings.Signups, settings.SmtpPort);
        await s5.ReportAsync(table, report, tc.EntitiesPerSecond);

        PostgresBaseline.AddRows(table, settings.PostgresResults, s1.Load, s2.Load);
        await new ActiveMemory(grains, settings.SiloPid, report).AddRowAsync(table, settings.MemoryPlaces, settings.MemoryUsers);

        // A blank line before and after, so the reads' findings render as a list of their own.
        table.Finding("");
        foreach (var finding in reads.TailFindings)
        {
            table.Finding(finding);
        }

        table.Finding("");

        table.Finding(SiloMemory());
        table.Finding("S4's cost per add is an add's median latency (a list's adds are sequential, so its latency is what an add costs the list). S5 has no target: S5/Tc is for information.");
        await table.WriteAsync(report, settings.ResultsDirectory);
    }

    /// <summary>
    /// Tj at 16, 64 and 256 marks an entity; the row is 64's, about what a journal shard's group commit would carry at
    /// S1's target (some thousands of marks/s, an append every few milliseconds), the note has all three. The mean time
    /// an append took follows from Little's law: appends in flight over appends per second.
    /// </summary>
    private async Task AddJournalRowAsync(TableBaselines baselines, MarksTable table)
    {
        int[] packs = [16, 64, 256];
        var measured = new List<(int Pack, TableBaselines.Measured Best)>();
        foreach (var pack in packs)
        {
            var (best, all) = await baselines.PackedAppendsAsync(pack);
            measured.Add((pack, best));
            await report.WriteLineAsync(F($"Tj at {pack} marks an entity: {string.Join(", ", all.Select(m => $"{m.EntitiesPerSecond:F0} marks/s at {m.Concurrency}"))}"));
        }

        var row = measured.Single(entry => entry.Pack == 64).Best;
        table.Baseline("Tj: Azurite packed journal appends, 64 marks an entity (for information)", row.EntitiesPerSecond, "marks/s",
            F($"one new entity per append holding that many marks of {TableBaselines.JournalMarkBytes} bytes, a partition per worker, the best of 1 and 8 in flight: ") +
            string.Join("; ", measured.Select(entry => F(
                $"{entry.Pack} an entity {entry.Best.EntitiesPerSecond:N0} marks/s at {entry.Best.Concurrency} in flight, {1000.0 * entry.Best.Concurrency * entry.Pack / entry.Best.EntitiesPerSecond:F1} ms an append, CPU per mark: {entry.Best.CpuPerEntity}"))));
    }

    private string SiloMemory()
    {
        var status = settings.SiloPid is { } pid && File.Exists($"/proc/{pid}/status") ? File.ReadLines($"/proc/{pid}/status") : [];
        var rss = status.FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return rss is null
            ? "Silo memory: unknown (pass --Bench:SiloPid)."
            : F($"Silo memory (RSS) after the run: {long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024} MiB.");
    }

    /// <summary>The median round's outcome, and that of any other round whose counts didn't drain exact (each must).</summary>
    private static string DescribeRounds(List<MarkScenarios.Result> rounds, MarkScenarios.Result median) => string.Join("; ",
    [
        median.Describe(),
        .. rounds.Select((round, index) => (Round: round, Number: index + 1))
            .Where(round => round.Round != median && !round.Round.Drain.Exact)
            .Select(round => $"round {round.Number} NOT exact: {round.Round.Describe()}"),
    ]);

    private static string F(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
