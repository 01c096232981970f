using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S1 and S2: bench users mark places "been here" over HTTP (PUT /api/me/been-here/{place}, each with its own
/// token) in a closed loop, then the counts are drained and checked against the stored marks: every acknowledged
/// one, plus those of failed requests (a timeout's outcome is unknown) that the user's grain says were stored.
/// Either scenario can be sent again (<see cref="AgainAsync"/>): the same path with nothing left to store.
/// </summary>
/// <param name="processes">The processes whose CPU each run reports (the driver, the servers, Azurite), by name.</param>
internal sealed class MarkScenarios(
    HttpClient http, IGrainFactory grains, string[] tokens, MarkDrain drain, int workers, IReadOnlyDictionary<string, int> processes)
{
    /// <param name="Marks">The marks sent, by user index and place.</param>
    /// <param name="Counted">Per mark, whether it is stored (acknowledged, or found stored after its request failed).</param>
    /// <param name="Expected">Each place's count once drained: its stored marks.</param>
    /// <param name="Cpu">Each process's CPU time over the load (not the drain).</param>
    /// <param name="Gc">The silo's and the gateway's collections and pauses over the load (<see cref="GcDuringLoad"/>).</param>
    public sealed record Result(
        LoadResult Load, MarkDrain.Outcome Drain, int StoredDespiteFailure,
        (int User, string Place)[] Marks, bool[] Counted, IReadOnlyDictionary<string, int> Expected,
        IReadOnlyDictionary<string, TimeSpan> Cpu, string Gc)
    {
        public string Describe() =>
            $"{Load.Succeeded:N0} acked, {Load.Failed:N0} failed ({StoredDespiteFailure:N0} of those stored); {Drain.Describe()}; {DescribeCpu()}; {Gc}";

        /// <summary>
        /// CPU per acknowledged mark, in all and by process, and the cores kept busy: whether the load was bound by
        /// the machine's two cores, and where they went.
        /// </summary>
        private string DescribeCpu()
        {
            var perMark = (TimeSpan used) => used.TotalMilliseconds / Math.Max(1, Load.Succeeded);
            var byProcess = string.Join(", ", Cpu.Select(process => F($"{process.Key} {perMark(process.Value):F3}")));
            var all = Cpu.Values.Aggregate(TimeSpan.Zero, (sum, used) => sum + used);
            return F($"CPU per acked mark {perMark(all):F3} ms ({byProcess}), {all / Load.Elapsed:F2} cores busy");
        }

        private static string F(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Unmeasured marks before S1 (<see cref="WarmUp"/>): "want to go", which runs the same code as "been here" and
    /// leaves the been-here counts the drains check alone, by users from <paramref name="firstUser"/> on, whom no
    /// scenario uses, each on one of places 1.. in turn. Returns how many were sent.
    /// </summary>
    public Task<int> WarmUpAsync(int firstUser, int users, int places, TimeSpan duration) =>
        WarmUp.RunAsync(http, index => Request("want-to-go", firstUser + index, CatalogSeeder.PlaceId(1 + index % (places - 1))), workers, duration, users);

    /// <summary>S1: users firstUser.. (as many as <paramref name="users"/>) each mark the one hot place once.</summary>
    public Task<Result> HotPlaceAsync(string place, int firstUser, int users) =>
        RunAsync([.. Enumerable.Range(firstUser, users).Select(user => (user, place))]);

    /// <summary>
    /// S2: marks spread uniformly over places firstPlace..places-1 (those before are S1's), by users taken in turn, no
    /// user marking the same place twice, so every acknowledged mark must add exactly one to its place.
    /// </summary>
    public Task<Result> UniformAsync(int marks, int users, int firstPlace, int places)
    {
        var random = new Random(7);
        var chosen = new HashSet<(int User, int Place)>();
        for (var index = 0; chosen.Count < marks; index++)
        {
            chosen.Add((index % users, firstPlace + random.Next(places - firstPlace)));
        }

        return RunAsync([.. chosen.Select(mark => (mark.User, CatalogSeeder.PlaceId(mark.Place)))]);
    }

    /// <summary>
    /// An earlier run's marks sent again, by the same users, whose grains are still active: each is stored already,
    /// so the user's grain asks the place for its counts and answers, and nothing is written. What that path carries
    /// is what the scenario could reach if its writes cost nothing, whatever their design. The counts must not move
    /// (a mark whose first request failed without storing it is stored now, and counted).
    /// </summary>
    public Task<Result> AgainAsync(Result earlier) => RunAsync(earlier.Marks, earlier.Expected, earlier.Counted);

    private async Task<Result> RunAsync(
        (int User, string Place)[] marks, IReadOnlyDictionary<string, int>? countedBefore = null, bool[]? storedBefore = null)
    {
        var expected = new ConcurrentDictionary<string, int>(
            countedBefore ?? marks.Select(mark => mark.Place).Distinct().ToDictionary(place => place, _ => 0));
        var counted = storedBefore is null ? new bool[marks.Length] : (bool[])storedBefore.Clone();
        var servers = processes.Where(process => process.Key is "silo" or "gateway").ToDictionary();
        await using var gc = GcPauseRecorder.Start(servers);
        var cpuBefore = ProcessCpu.Snapshot(processes);
        var load = await ClosedLoad.RunAsync(http, index => Put(marks[index]), marks.Length, workers, index =>
        {
            // Each index is acknowledged at most once, by the one worker that sent it.
            if (!counted[index])
            {
                counted[index] = true;
                expected.AddOrUpdate(marks[index].Place, 1, (_, count) => count + 1);
            }
        });
        var cpu = ProcessCpu.UsedSince(cpuBefore);
        var pauses = await gc.StopAsync();
        var gcLine = string.Join("; ", gc.Recording.Select(process => GcDuringLoad.Describe(process, gc, pauses, load.Elapsed)));

        var storedDespiteFailure = 0;
        for (var index = 0; index < marks.Length; index++)
        {
            var (user, place) = marks[index];
            if (!counted[index] && (await grains.GetGrain<IUserGrain>(BenchTokens.UserId(user)).GetPlaceStateAsync(place)).BeenHere)
            {
                counted[index] = true;
                storedDespiteFailure++;
                expected.AddOrUpdate(place, 1, (_, count) => count + 1);
            }
        }

        return new Result(load, await drain.WaitAsync(expected), storedDespiteFailure, marks, counted, expected, cpu, gcLine);
    }

    private HttpRequestMessage Put((int User, string Place) mark) => Request("been-here", mark.User, mark.Place);

    private HttpRequestMessage Request(string kind, int user, string place) => new(HttpMethod.Put, $"/api/me/{kind}/{place}")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]) },
    };
}
