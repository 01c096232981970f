using System.Diagnostics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// The issue's memory figure, off unless asked for (--Bench:MemoryPlaces, --Bench:MemoryUsers): the silo's RSS with
/// that many places and users active at once, target at most 1 GiB. Creates the places the run has not created yet
/// through CatalogSeeder (an existing place is left as it is), activates every place and bench user grain with
/// GetStatsAsync, waits for the silo to settle, and reads its RSS. The silo sets no GrainCollectionOptions, so an
/// idle activation lives for Orleans' default collection age of 15 minutes, far longer than this phase; the
/// management grain's activation counts, read with the RSS, show the activations were still there.
/// </summary>
internal sealed class ActiveMemory(IGrainFactory grains, int? siloPid, TextWriter report)
{
    private const long TargetMiB = 1024;
    private static readonly ParallelOptions InFlight = new() { MaxDegreeOfParallelism = 64 };
    // The silo cannot be made to collect garbage from outside; a few quiet seconds let its own GC catch up.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public async Task AddRowAsync(MarksTable table, int places, int users)
    {
        if (places + users == 0)
        {
            table.Finding("Memory with many places and users active: not measured (MEMORY_PLACES, MEMORY_USERS).");
            return;
        }

        var before = ProcessMemory.ResidentMiB(siloPid);
        var timer = Stopwatch.StartNew();
        await new CatalogSeeder(grains, seed: 42).CreatePlacesAsync(places);
        await Parallel.ForEachAsync(Enumerable.Range(0, places), InFlight, async (number, _) =>
            await grains.GetGrain<IPlaceGrain>(CatalogSeeder.PlaceId(number)).GetStatsAsync());
        await Parallel.ForEachAsync(Enumerable.Range(0, users), InFlight, async (number, _) =>
            await grains.GetGrain<IUserGrain>(BenchTokens.UserId(number)).GetStatsAsync());
        await report.WriteLineAsync($"Memory: {places:N0} places and {users:N0} users activated in {timer.Elapsed.TotalSeconds:F1} s.");
        await Task.Delay(Settle);

        var active = await ActivationsAsync();
        var rss = ProcessMemory.ResidentMiB(siloPid);
        var note = $"RSS before this phase {before?.ToString() ?? "?"} MiB; active then: {active}; read {Settle.TotalSeconds:F0} s after the last activation";
        await report.WriteLineAsync($"Memory: silo RSS {rss?.ToString() ?? "unknown"} MiB; {note}");
        table.Scenario($"Memory: silo RSS, {places:N0} places + {users:N0} users active", rss ?? double.NaN, "MiB", null,
            rss ?? double.NaN, "RSS MiB", TargetMiB, atMost: true, note);
    }

    /// <summary>Activations in the cluster, and of them place and user grains, as Orleans' management grain counts them.</summary>
    private async Task<string> ActivationsAsync()
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        // A grain type reads "Namespace.Class,Assembly" (AtlasGrains.Grains.Places.PlaceGrain,AtlasGrains.Grains).
        long Count(string grainClass) => statistics
            .Where(statistic => statistic.GrainType.Split(',')[0].EndsWith(grainClass, StringComparison.Ordinal))
            .Sum(statistic => (long)statistic.ActivationCount);
        return $"{await management.GetTotalActivationCount():N0} activations, {Count(".PlaceGrain"):N0} places and {Count(".UserGrain"):N0} users";
    }
}
