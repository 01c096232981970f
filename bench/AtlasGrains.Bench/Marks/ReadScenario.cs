using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S3 and its baseline K: GET /api/places/{id} over every bench place, and a bare Kestrel endpoint serving the JSON
/// of one real place page. Each is first driven flat out (closed loop) for its maximum rate; then both are offered
/// half of S3's maximum in an open loop, latency from each request's intended send time, so their tails compare at
/// the same offered rate. Each is warmed up first (<see cref="WarmUp"/>), for the same time, and each open loop is
/// led in by the same loop unmeasured (<see cref="OpenLoopLeadIn"/>). Both comparisons run in
/// <c>Bench:ReadRounds</c> alternated rounds (<see cref="ReadRounds"/>), the offered rate half the median maximum.
/// During the open loops the gateway's, the silo's, K's and this driver's GC pauses are recorded, and the slow
/// requests of the median round lined up with them (<see cref="TailAttribution"/>).
/// </summary>
internal sealed class ReadScenario(HttpClient gateway, MarksSettings settings)
{
    /// <summary>
    /// Before each open loop, the same loop unmeasured for this long, so that the loop measures that rate's steady
    /// state rather than the seconds after the other side's loop. S3's reads pause while K's loops run (20 s when a
    /// round starts with K), the gateway's copies of place pages age meanwhile, and every copy past its lifetime was
    /// asked of the silo again in the loop's first second: in alternated S3-only runs on 5 December, that loop's p99
    /// was 36 and 77 ms with copies living 30 s, and 8 and 7 ms with copies living 60 s, which outlived the pause
    /// (bench/findings/reads.md).
    /// </summary>
    private static readonly TimeSpan OpenLoopLeadIn = TimeSpan.FromSeconds(3);

    public sealed record Result(ReadRounds Max, double OfferedPerSecond, ReadRounds Open, string[] TailFindings);

    public async Task<Result> RunAsync(TextWriter report)
    {
        var pageJson = await gateway.GetStringAsync($"/api/places/{CatalogSeeder.PlaceId(1)}");
        await using var kestrel = await BareKestrelProcess.StartAsync(pageJson);
        using var bare = LoadClient.Create(kestrel.Address, settings.Workers);
        Func<int, HttpRequestMessage> page = _ => new HttpRequestMessage(HttpMethod.Get, "/page");
        Func<int, HttpRequestMessage> place = index => new HttpRequestMessage(HttpMethod.Get, $"/api/places/{CatalogSeeder.PlaceId(Spread(index))}");
        var processes = Processes(kestrel.Pid);
        await WarmUp.RunAsync(bare, page, settings.Workers, settings.WarmUpDuration);
        await WarmUp.RunAsync(gateway, place, settings.Workers, settings.WarmUpDuration);

        var maxRounds = new List<ReadPair>();
        for (var round = 1; round <= settings.ReadRounds; round++)
        {
            // Round 1's windows keep their names: bench/profile-cpu.sh waits for "Window S3 max starts".
            var name = round == 1 ? "" : $", round {round}";
            async Task<(LoadResult, string)> K()
            {
                await LoadWindow.StartAsync(report, "K max" + name);
                var result = await WithCpuAsync(processes, () => ClosedLoad.RunAsync(bare, page, settings.Reads, settings.Workers));
                await LoadWindow.EndAsync(report, "K max" + name);
                await report.WriteLineAsync($"K max{name}: {result.Load.PerSecond:F0} req/s at {settings.Workers} in flight; cores busy: {result.CoresBusy}");
                return result;
            }

            async Task<(LoadResult, string)> S3()
            {
                await LoadWindow.StartAsync(report, "S3 max" + name);
                var result = await WithCpuAsync(processes, () => ClosedLoad.RunAsync(gateway, place, settings.Reads, settings.Workers));
                await LoadWindow.EndAsync(report, "S3 max" + name);
                await report.WriteLineAsync(
                    $"S3 max{name}: {result.Load.PerSecond:F0} req/s at {settings.Workers} in flight ({result.Load.Failed} failed); cores busy: {result.CoresBusy}");
                return result;
            }

            maxRounds.Add(await PairAsync(kFirst: round % 2 == 1, K, S3));
        }

        var max = new ReadRounds(maxRounds, pair => pair.S3.PerSecond / pair.K.PerSecond);
        var offered = max.Median.S3.PerSecond / 2;
        await using var pauses = GcPauseRecorder.Start(processes);
        await report.WriteLineAsync($"Recording the GC pauses of {string.Join(", ", pauses.Recording)} during the open loops.");
        var openRounds = new List<ReadPair>();
        for (var round = 1; round <= settings.ReadRounds; round++)
        {
            async Task<(LoadResult, string)> Open(string name, HttpClient http, Func<int, HttpRequestMessage> request)
            {
                await OpenLoad.RunAsync(http, request, offered, OpenLoopLeadIn);
                var result = await WithCpuAsync(processes, () => OpenLoad.RunAsync(http, request, offered, settings.ReadDuration));
                await report.WriteLineAsync(
                    $"{name} open loop at {offered:F0}/s, round {round}: p50 {result.Load.PercentileMs(50):F2} ms, p99 {result.Load.PercentileMs(99):F2} ms");
                return result;
            }

            // S3 first in the first round, as the open loops have always run.
            openRounds.Add(await PairAsync(kFirst: round % 2 == 0, () => Open("K", bare, page), () => Open("S3", gateway, place)));
        }

        var open = new ReadRounds(openRounds, pair => pair.S3.PercentileMs(99) / pair.K.PercentileMs(99));
        var recorded = await pauses.StopAsync();
        if (pauses.Exited.Count > 0)
        {
            await report.WriteLineAsync($"These processes exited while their pauses were recorded: {string.Join(", ", pauses.Exited)}.");
        }

        // Slow means what the target calls too slow: over three times K's p99 at the same rate.
        var (kOpen, s3Open) = (open.Median.K, open.Median.S3);
        var slowerThan = TimeSpan.FromMilliseconds(3 * kOpen.PercentileMs(99));
        string[] tail =
        [
            $"- Alternated rounds ({settings.ReadRounds}), the table's rows from the median one: S3/K req/s {max.Describe()}; " +
            $"S3/K p99 at {offered:F0} reads/s {open.Describe()}.",
            TailAttribution.Describe("S3 at 50% of its max (median round)", s3Open, recorded, slowerThan) + Environment.NewLine +
            $"  - cores busy: {open.Median.S3CoresBusy}",
            TailAttribution.Describe("K at the same rate (median round)", kOpen, recorded, slowerThan) + Environment.NewLine +
            $"  - cores busy: {open.Median.KCoresBusy}",
        ];
        foreach (var finding in tail)
        {
            await report.WriteLineAsync(finding);
        }

        return new Result(max, offered, open, tail);
    }

    /// <summary>One round of K and S3; callers alternate which goes first, so neither always runs on the other's heels.</summary>
    private static async Task<ReadPair> PairAsync(
        bool kFirst, Func<Task<(LoadResult Load, string CoresBusy)>> k, Func<Task<(LoadResult Load, string CoresBusy)>> s3)
    {
        if (kFirst)
        {
            var kRun = await k();
            return Pair(kRun, await s3());
        }

        var s3Run = await s3();
        return Pair(await k(), s3Run);

        static ReadPair Pair((LoadResult Load, string CoresBusy) k, (LoadResult Load, string CoresBusy) s3) =>
            new(k.Load, s3.Load, k.CoresBusy, s3.CoresBusy);
    }

    /// <summary>A load, and each process's CPU over it in cores ("driver 0.57, gateway 0.99").</summary>
    private static async Task<(LoadResult Load, string CoresBusy)> WithCpuAsync(
        IReadOnlyDictionary<string, int> processes, Func<Task<LoadResult>> load)
    {
        var before = ProcessCpu.Snapshot(processes);
        var result = await load();
        return (result, ProcessCpu.CoresBusySince(before, result.Elapsed));
    }

    /// <summary>The processes whose GC pauses a read can wait on: the load generator (this driver) and the servers.</summary>
    private Dictionary<string, int> Processes(int kestrelPid)
    {
        var processes = new Dictionary<string, int> { ["driver"] = Environment.ProcessId, ["kestrel"] = kestrelPid };
        if (settings.GatewayPid is { } gatewayPid)
        {
            processes["gateway"] = gatewayPid;
        }

        if (settings.SiloPid is { } siloPid)
        {
            processes["silo"] = siloPid;
        }

        return processes;
    }

    /// <summary>Visits the places in a scattered but reproducible order (a multiplicative hash of the index).</summary>
    private int Spread(int index) => (int)((uint)index * 2_654_435_761u % (uint)settings.Places);
}
