using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S3 and its baseline K: GET /api/places/{id} over every bench place, and a bare Kestrel endpoint serving the JSON
/// of one real place page. Each is first driven flat out (closed loop) for its maximum rate; then both are offered
/// half of S3's maximum in an open loop, latency from each request's intended send time, so their tails compare at
/// the same offered rate. Each is warmed up first (<see cref="WarmUp"/>), for the same time. During the open loops the
/// gateway's, the silo's, K's and this driver's GC pauses are recorded, and the slow requests lined up with them
/// (<see cref="TailAttribution"/>).
/// </summary>
internal sealed class ReadScenario(HttpClient gateway, MarksSettings settings)
{
    public sealed record Result(LoadResult KMax, LoadResult S3Max, double OfferedPerSecond, LoadResult KOpen, LoadResult S3Open, string[] TailFindings);

    public async Task<Result> RunAsync(TextWriter report)
    {
        var pageJson = await gateway.GetStringAsync($"/api/places/{CatalogSeeder.PlaceId(1)}");
        await using var kestrel = await BareKestrelProcess.StartAsync(pageJson);
        using var bare = LoadClient.Create(kestrel.Address, settings.Workers);
        Func<int, HttpRequestMessage> page = _ => new HttpRequestMessage(HttpMethod.Get, "/page");
        Func<int, HttpRequestMessage> place = index => new HttpRequestMessage(HttpMethod.Get, $"/api/places/{CatalogSeeder.PlaceId(Spread(index))}");

        var processes = Processes(kestrel.Pid);
        await WarmUp.RunAsync(bare, page, settings.Workers, settings.WarmUpDuration);
        await LoadWindow.StartAsync(report, "K max");
        var (kMax, kMaxCpu) = await WithCpuAsync(processes, () => ClosedLoad.RunAsync(bare, page, settings.Reads, settings.Workers));
        await LoadWindow.EndAsync(report, "K max");
        await report.WriteLineAsync($"K max: {kMax.PerSecond:F0} req/s at {settings.Workers} in flight; cores busy: {kMaxCpu}");
        await WarmUp.RunAsync(gateway, place, settings.Workers, settings.WarmUpDuration);
        await LoadWindow.StartAsync(report, "S3 max");
        var (s3Max, s3MaxCpu) = await WithCpuAsync(processes, () => ClosedLoad.RunAsync(gateway, place, settings.Reads, settings.Workers));
        await LoadWindow.EndAsync(report, "S3 max");
        await report.WriteLineAsync($"S3 max: {s3Max.PerSecond:F0} req/s at {settings.Workers} in flight ({s3Max.Failed} failed); cores busy: {s3MaxCpu}");

        var offered = s3Max.PerSecond / 2;
        await using var pauses = GcPauseRecorder.Start(processes);
        await report.WriteLineAsync($"Recording the GC pauses of {string.Join(", ", pauses.Recording)} during the open loops.");
        var (s3Open, s3Cpu) = await WithCpuAsync(processes, () => OpenLoad.RunAsync(gateway, place, offered, settings.ReadDuration));
        await report.WriteLineAsync($"S3 open loop at {offered:F0}/s: p50 {s3Open.PercentileMs(50):F2} ms, p99 {s3Open.PercentileMs(99):F2} ms");
        var (kOpen, kCpu) = await WithCpuAsync(processes, () => OpenLoad.RunAsync(bare, page, offered, settings.ReadDuration));
        await report.WriteLineAsync($"K open loop at {offered:F0}/s: p50 {kOpen.PercentileMs(50):F2} ms, p99 {kOpen.PercentileMs(99):F2} ms");

        // Slow means what the target calls too slow: over three times K's p99 at the same rate.
        var recorded = await pauses.StopAsync();
        if (pauses.Exited.Count > 0)
        {
            await report.WriteLineAsync($"These processes exited while their pauses were recorded: {string.Join(", ", pauses.Exited)}.");
        }

        var slowerThan = TimeSpan.FromMilliseconds(3 * kOpen.PercentileMs(99));
        string[] tail =
        [
            TailAttribution.Describe("S3 at 50% of its max", s3Open, recorded, slowerThan) + Environment.NewLine + $"  - cores busy: {s3Cpu}",
            TailAttribution.Describe("K at the same rate", kOpen, recorded, slowerThan) + Environment.NewLine + $"  - cores busy: {kCpu}",
        ];
        foreach (var finding in tail)
        {
            await report.WriteLineAsync(finding);
        }

        return new Result(kMax, s3Max, offered, kOpen, s3Open, tail);
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
