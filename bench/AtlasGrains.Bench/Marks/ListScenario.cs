using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;
using HdrHistogram;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S4: bench users each grow one private list of their own over HTTP (PUT /api/lists/{list}/items/{place} with the
/// owner's token), each list's adds one after another (a list is one grain, so its adds would queue there anyway).
/// Two sets of <c>lists</c> lists: the large ones first grow from empty to <c>items</c> - 20 places; then, in alternating
/// rounds of <see cref="RoundAdds"/> adds a list, the large ones add their last 20 (the late band, "at ~990 items") and
/// the small ones, new, their first 20 (the early band, "at ~10"). Each band runs alone, all its lists side by side, so
/// it bears the whole system's cost of its lists' size; and the rounds alternate, so a drift in the machine's speed
/// (this VM's moves by tens of percent within minutes) falls on both bands alike, as S3 and K alternate. Every add is
/// timed; then each place's list count is drained against the acknowledged adds holding it. Each process's CPU over a
/// band's turns, per acknowledged add, says where an add's cost at ~990 items goes beyond its cost at ~10.
/// </summary>
internal sealed class ListScenario(HttpClient http, string[] tokens, MarkDrain drain, IReadOnlyDictionary<string, int> processes)
{
    /// <summary>
    /// The adds in a band: the last 20 of a large list (sizes 980-999) and the first 20 of a small one (0-19); half the
    /// list for lists under 40 items.
    /// </summary>
    private const int BandAdds = 20;

    /// <summary>The rounds a band's adds are split into: 4 turns of 5 adds a list.</summary>
    private const int Rounds = 4;

    /// <summary>GETs of its whole list each owner sends after its band.</summary>
    private const int ReadsPerBand = 10;

    /// <summary><paramref name="SmallReads"/>, <paramref name="LargeReads"/>: a GET of the whole list after each band.</summary>
    /// <paramref name="SmallCpu"/>, <paramref name="LargeCpu"/>: each process's CPU per acknowledged add in the band's turns.
    public sealed record Result(
        int Lists, int Items, int Band, LoadResult Small, LoadResult Large, LoadResult All, LoadResult SmallReads, LoadResult LargeReads,
        string SmallCpu, string LargeCpu, MarkDrain.Outcome Drain)
    {
        /// <summary>
        /// The cost per add is the median latency of an add: a list's adds are sequential, so an add's latency is
        /// what it costs its list, and the median is not swayed by the odd storage stall (p99 shows those).
        /// </summary>
        public double CostRatio => Large.PercentileMs(50) / Small.PercentileMs(50);

        public async Task ReportAsync(MarksTable table, TextWriter report)
        {
            var overall = F($"{All.PerSecond:F0} adds/s overall (all adds: p50 {All.PercentileMs(50):F1} ms, mean {All.Microseconds.GetMean() / 1000:F1}, p99 {All.PercentileMs(99):F1})");
            var reads = F($"a GET of the whole list, which every add answers with: p50 {SmallReads.PercentileMs(50):F1} ms at {Band} items, {LargeReads.PercentileMs(50):F1} ms at {Items}");
            await report.WriteLineAsync(F($"S4: {overall}, {All.Failed} failed; add p50 {Small.PercentileMs(50):F1} ms at ~{Band / 2} items, {Large.PercentileMs(50):F1} ms at ~{Items - Band / 2}; {reads}; {Drain.Describe()}"));
            await report.WriteLineAsync(F($"S4: CPU per acknowledged add, ms: at ~{Band / 2} items {SmallCpu}; at ~{Items - Band / 2} items {LargeCpu}"));
            table.Baseline(F($"S4 list adds at ~{Band / 2} items (adds 1-{Band})"), Small.PerSecond, "acked adds/s",
                F($"{Lists} new lists side by side, each add sequential in its list, in rounds alternating with the late band's; rate over the band's turns"), Small);
            table.Scenario(F($"S4 list adds at ~{Items - Band / 2} items (adds {Items - Band + 1}-{Items})"), Large.PerSecond, "acked adds/s", Large, CostRatio, "S4 p50 late/early", 1.5,
                atMost: true, F($"{Lists} lists x {Items:N0} adds, besides {Lists} x {Band} for the early band; {overall}, {All.Succeeded:N0} acked, {All.Failed:N0} failed; list counts: {Drain.Describe()}; {reads}"));
        }
    }

    public async Task<Result> RunAsync(int lists, int items, int places)
    {
        if (2 * lists > tokens.Length || items > places || items < 2)
        {
            throw new ArgumentException($"S4 needs two lists per {lists} (one per bench user: {tokens.Length}) and 2 to {places} items a list (the places).");
        }

        var band = Math.Min(BandAdds, items / 2);
        var roundAdds = Math.Max(1, band / Rounds);

        // The large lists are the first `lists` bench users', the small ones the next `lists`'.
        var listIds = await Task.WhenAll(Enumerable.Range(0, 2 * lists).Select(CreateListAsync));
        var (large, small) = (Enumerable.Range(0, lists).ToArray(), Enumerable.Range(lists, lists).ToArray());
        var acknowledged = new ConcurrentDictionary<string, int>();
        var (lateBand, earlyBand, all, smallReads, largeReads) = (new Band(), new Band(), new Band(), new Band(), new Band());

        async Task AddAsync(int list, int fromSize, int toSize, Band? timed)
        {
            for (var size = fromSize; size < toSize; size++)
            {
                var place = PlaceOf(list, size, 2 * lists, places);
                var started = Stopwatch.GetTimestamp();
                var added = await ClosedLoad.SendAsync(http, Put(listIds[list], place, tokens[list]));
                var ended = Stopwatch.GetTimestamp();
                if (added)
                {
                    acknowledged.AddOrUpdate(place, 1, (_, count) => count + 1);
                }

                all.Add(added, started, ended);
                timed?.Add(added, started, ended);
            }
        }

        Task TurnAsync(int[] set, Func<int, Task> work) => Task.WhenAll(set.Select(list => Task.Run(() => work(list))));

        // A band's rate counts only its own turns, not the other band's in between.
        async Task BandTurnAsync(Band timed, int[] set, Func<int, Task> work)
        {
            var (started, cpu) = (Stopwatch.GetTimestamp(), ProcessCpu.Snapshot(processes));
            await TurnAsync(set, work);
            timed.AddTurn(Stopwatch.GetElapsedTime(started), cpu);
        }

        await TurnAsync(large, list => AddAsync(list, 0, items - band, timed: null));
        for (var (round, done) = (0, 0); done < band; (round, done) = (round + 1, done + roundAdds))
        {
            var adds = Math.Min(roundAdds, band - done);
            var (lateFrom, earlyFrom) = (items - band + done, done);
            Task Late() => BandTurnAsync(lateBand, large, list => AddAsync(list, lateFrom, lateFrom + adds, lateBand));
            Task Early() => BandTurnAsync(earlyBand, small, list => AddAsync(list, earlyFrom, earlyFrom + adds, earlyBand));
            // Which band goes first alternates too, so neither always follows the other's load.
            if (round % 2 == 0)
            {
                await Late();
                await Early();
            }
            else
            {
                await Early();
                await Late();
            }
        }

        await TurnAsync(small, list => ReadAsync(listIds[list], tokens[list], smallReads));
        await TurnAsync(large, list => ReadAsync(listIds[list], tokens[list], largeReads));
        var drained = await drain.WaitForPlacesAsync(acknowledged, stats => stats.Lists);
        return new Result(
            lists, items, band, earlyBand.Result(), lateBand.Result(), all.Result(), smallReads.Result(), largeReads.Result(),
            earlyBand.CpuPerAdd(), lateBand.CpuPerAdd(), drained);
    }

    /// <summary>
    /// List <paramref name="list"/>'s place at <paramref name="size"/>: the lists start at evenly spaced places and
    /// walk on, so a list never holds a place twice, and with more adds than places a place sits in several lists.
    /// </summary>
    private static string PlaceOf(int list, int size, int lists, int places) =>
        CatalogSeeder.PlaceId((list * (places / lists) + size) % places);

    private async Task<string> CreateListAsync(int user)
    {
        using var request = AsOwner(HttpMethod.Post, "/api/lists", tokens[user], JsonContent.Create(new { title = $"Bench list {user}", visibility = "private" }));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedList>())!.Id;
    }

    /// <summary>Times GETs of the whole list, one after another, like its adds.</summary>
    private async Task ReadAsync(string listId, string token, Band reads)
    {
        for (var read = 0; read < ReadsPerBand; read++)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await ClosedLoad.SendAsync(http, AsOwner(HttpMethod.Get, $"/api/lists/{listId}", token));
            reads.Add(found, started, Stopwatch.GetTimestamp());
        }
    }

    private static HttpRequestMessage Put(string listId, string place, string token) =>
        AsOwner(HttpMethod.Put, $"/api/lists/{listId}/items/{place}", token, new StringContent("{}", Encoding.UTF8, "application/json"));

    private static HttpRequestMessage AsOwner(HttpMethod method, string path, string token, HttpContent? content = null) => new(method, path)
    {
        Content = content,
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record CreatedList(string Id);

    /// <summary>
    /// Requests of one kind across all lists: their latencies, and their span: the sum of the band's turns when it has
    /// turns, else from the first sent to the last answered.
    /// </summary>
    private sealed class Band
    {
        private readonly HistogramBase _histogram = LoadResult.NewHistogram();
        private long _succeeded, _failed, _first = long.MaxValue, _last = long.MinValue;
        private TimeSpan _turns;
        private readonly Dictionary<string, TimeSpan> _cpu = [];

        public void Add(bool succeeded, long started, long ended)
        {
            lock (_histogram)
            {
                (_first, _last) = (Math.Min(_first, started), Math.Max(_last, ended));
                if (succeeded)
                {
                    _succeeded++;
                    LoadResult.Record(_histogram, Stopwatch.GetElapsedTime(started, ended));
                }
                else
                {
                    _failed++;
                }
            }
        }

        /// <summary>A turn of the band, and each process's CPU over it from the <paramref name="cpuBefore"/> snapshot.</summary>
        public void AddTurn(TimeSpan turn, IReadOnlyDictionary<string, (int Pid, TimeSpan Used)> cpuBefore)
        {
            lock (_histogram)
            {
                _turns += turn;
                foreach (var (name, (pid, used)) in cpuBefore)
                {
                    _cpu[name] = _cpu.GetValueOrDefault(name) + (ProcessCpu.Used(pid) - used);
                }
            }
        }

        /// <summary>"gateway 2.1, silo 1.4, ...": each process's CPU in the band's turns over its acknowledged adds, in ms.</summary>
        public string CpuPerAdd() => _succeeded == 0 ? "none acknowledged" : string.Join(", ", _cpu
            .Select(process => (Name: process.Key, Ms: process.Value.TotalMilliseconds / _succeeded))
            .Append((Name: "all", Ms: _cpu.Values.Sum(used => used.TotalMilliseconds) / _succeeded))
            .Select(process => F($"{process.Name} {process.Ms:F2}")));

        public LoadResult Result() => new(_succeeded, _failed, _turns > TimeSpan.Zero ? _turns : _last > _first ? Stopwatch.GetElapsedTime(_first, _last) : TimeSpan.Zero, _histogram);
    }
}
