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
/// S4: bench users each grow one private list of their own from empty to <c>items</c> distinct places over HTTP
/// (PUT /api/lists/{list}/items/{place} with the owner's token), all lists at once but each list's adds one after
/// another (a list is one grain, so its adds would queue there anyway). Every add is timed and filed by the list's
/// size when it was sent, so the cost per add at about 10 items (the first adds) can be set against the cost at
/// about 1000 (the last). Then each place's list count is drained against the acknowledged adds holding it.
/// </summary>
internal sealed class ListScenario(HttpClient http, string[] tokens, MarkDrain drain)
{
    /// <summary>The adds in a band: the first 20 (sizes 0-19, "at ~10 items") and the last 20 (sizes 980-999).</summary>
    private const int BandAdds = 20;

    /// <summary>GETs of its whole list each owner sends after the first band and after the last add.</summary>
    private const int ReadsPerBand = 10;

    /// <summary><paramref name="SmallReads"/>, <paramref name="LargeReads"/>: a GET of the whole list at the end of each band.</summary>
    public sealed record Result(
        int Lists, int Items, int Band, LoadResult Small, LoadResult Large, LoadResult All, LoadResult SmallReads, LoadResult LargeReads, MarkDrain.Outcome Drain)
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
            table.Baseline(F($"S4 list adds at ~{Band / 2} items (adds 1-{Band})"), Small.PerSecond, "acked adds/s", F($"{Lists} lists side by side, each add sequential in its list; rate over the band's span"), Small);
            table.Scenario(F($"S4 list adds at ~{Items - Band / 2} items (adds {Items - Band + 1}-{Items})"), Large.PerSecond, "acked adds/s", Large, CostRatio, "S4 p50 late/early", 1.5,
                atMost: true, F($"{Lists} lists x {Items:N0} adds, {overall}, {All.Succeeded:N0} acked, {All.Failed:N0} failed; list counts: {Drain.Describe()}; {reads}"));
        }
    }

    public async Task<Result> RunAsync(int lists, int items, int places)
    {
        if (lists > tokens.Length || items > places || items < 2)
        {
            throw new ArgumentException($"S4 needs at most one list per bench user ({tokens.Length}) and 2 to {places} items a list (the places).");
        }

        var band = Math.Min(BandAdds, items / 2);
        var listIds = await Task.WhenAll(Enumerable.Range(0, lists).Select(CreateListAsync));
        var acknowledged = new ConcurrentDictionary<string, int>();
        for (var list = 0; list < lists; list++)
        {
            for (var size = 0; size < items; size++)
            {
                acknowledged[PlaceOf(list, size, lists, places)] = 0;
            }
        }

        var (small, large, all, smallReads, largeReads) = (new Band(), new Band(), new Band(), new Band(), new Band());
        await Task.WhenAll(Enumerable.Range(0, lists).Select(list => Task.Run(async () =>
        {
            for (var size = 0; size < items; size++)
            {
                var place = PlaceOf(list, size, lists, places);
                var started = Stopwatch.GetTimestamp();
                var added = await ClosedLoad.SendAsync(http, Put(listIds[list], place, tokens[list]));
                var ended = Stopwatch.GetTimestamp();
                if (added)
                {
                    acknowledged.AddOrUpdate(place, 1, (_, count) => count + 1);
                }

                all.Add(added, started, ended);
                (size < band ? small : size >= items - band ? large : null)?.Add(added, started, ended);
                if (size + 1 == band || size + 1 == items)
                {
                    await ReadAsync(listIds[list], tokens[list], size + 1 == items ? largeReads : smallReads);
                }
            }
        })));
        var drained = await drain.WaitForPlacesAsync(acknowledged, stats => stats.Lists);
        return new Result(lists, items, band, small.Result(), large.Result(), all.Result(), smallReads.Result(), largeReads.Result(), drained);
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

    /// <summary>The adds of one band across all lists: their latencies, and the span from the first sent to the last answered.</summary>
    private sealed class Band
    {
        private readonly HistogramBase _histogram = LoadResult.NewHistogram();
        private long _succeeded, _failed, _first = long.MaxValue, _last = long.MinValue;

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

        public LoadResult Result() => new(_succeeded, _failed, _last > _first ? Stopwatch.GetElapsedTime(_first, _last) : TimeSpan.Zero, _histogram);
    }
}
