using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Discovery;

/// <summary>
/// Seeds the catalog, waits until the views show every place, then measures each discovery view at light load
/// over HTTP against the gateway, beside the bare-Kestrel baseline K measured the same way in the same run.
/// </summary>
internal sealed class DiscoveryBenchmark(IGrainFactory grains, Uri gateway, BenchSettings settings, TextWriter report)
{
    private readonly List<(string Scenario, Latencies Latencies, int Failures)> _results = [];
    private readonly List<string> _findings = [];

    public async Task RunAsync()
    {
        var seeder = new CatalogSeeder(grains, seed: 42);
        var creating = await seeder.CreatePlacesAsync(settings.Places);
        await report.WriteLineAsync($"Created {settings.Places:N0} places in {creating.TotalSeconds:F1} s ({settings.Places / creating.TotalSeconds:F0}/s).");
        var marking = await seeder.MarkAsync(settings.Readers, settings.Marks, settings.Places);
        await report.WriteLineAsync($"{settings.Readers:N0} readers made {settings.Marks:N0} marks in {marking.TotalSeconds:F1} s ({settings.Marks / marking.TotalSeconds:F0}/s).");

        using var http = LoadClient.Create(gateway, settings.Clients);
        var visibleAfter = await WaitUntilEveryPlaceIsVisibleAsync(http);
        await report.WriteLineAsync($"Every place was in the views {visibleAfter.TotalSeconds:F1} s after the last mark.");

        var samplePage = await http.GetStringAsync("/api/places?sort=popular&limit=20");
        await using var kestrel = await BareKestrel.StartAsync(samplePage);
        using var bare = LoadClient.Create(kestrel.Address, settings.Clients);
        await MeasureAsync("K: bare Kestrel, same JSON", bare, _ => "/page");
        await MeasureAsync("nearby", http, random => $"/api/places/{CatalogSeeder.PlaceId(random.Next(settings.Places))}/nearby?limit=3");
        await MeasureAsync("near me (50 km)", http, random =>
        {
            var point = SyntheticPlaces.PointNearACity(random);
            return $"/api/places/near?lat={point.Latitude.ToString(CultureInfo.InvariantCulture)}&lng={point.Longitude.ToString(CultureInfo.InvariantCulture)}&radiusKm=50";
        });
        await MeasureAsync("destination page", http, random => $"/api/destinations/{Uri.EscapeDataString(Pick(random, SyntheticPlaces.Countries))}");
        await MeasureAsync("tag page", http, random => $"/api/tags/{Uri.EscapeDataString(Pick(random, SyntheticPlaces.TagNames))}/places");
        await MeasureAsync("popular", http, _ => "/api/places?sort=popular");
        await MeasureAsync("search (1-2 words)", http, random => random.Next(2) == 0
            ? $"/api/search?q={SyntheticPlaces.SearchWord(random)}"
            : $"/api/search?q={SyntheticPlaces.SearchWord(random)}+{SyntheticPlaces.SearchWord(random)}");
        var freshness = await Freshness.MeasureAsync(grains, http, edits: 100, settings.Places);
        _findings.Add($"Edit to visible in search: p50 {freshness.Percentile(50):F0} ms, p99 {freshness.Percentile(99):F0} ms, max {freshness.Percentile(100):F0} ms (100 edits).");
        await WriteTableAsync();
    }

    private async Task<TimeSpan> WaitUntilEveryPlaceIsVisibleAsync(HttpClient http)
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var destinations = await http.GetFromJsonAsync<JsonElement>("/api/destinations");
            var visible = destinations.GetProperty("items").EnumerateArray().Sum(item => item.GetProperty("placeCount").GetInt32());
            if (visible >= settings.Places)
            {
                return timer.Elapsed;
            }

            await Task.Delay(100);
        }
    }

    private async Task MeasureAsync(string scenario, HttpClient http, Func<Random, string> nextPath)
    {
        var (latencies, failures) = await HttpScenario.RunAsync(http, nextPath, settings.Requests, settings.Clients);
        _results.Add((scenario, latencies, failures));
        await report.WriteLineAsync($"{scenario}: p50 {latencies.Percentile(50):F2} ms, p99 {latencies.Percentile(99):F2} ms, {failures} failures");
    }

    private async Task WriteTableAsync()
    {
        var baseline = _results[0].Latencies.Percentile(99);
        var table = new StringBuilder()
            .AppendLine($"Discovery views at light load ({settings.Clients} clients, {settings.Requests:N0} requests each), {settings.Places:N0} places, {settings.Marks:N0} marks.")
            .AppendLine()
            .AppendLine("| view | p50 ms | p99 ms | p99 / K's p99 | failures |")
            .AppendLine("|---|---:|---:|---:|---:|");
        var csv = new StringBuilder("view,p50_ms,p99_ms,p99_ratio_to_k,failures\n");
        foreach (var (scenario, latencies, failures) in _results)
        {
            var (p50, p99) = (latencies.Percentile(50), latencies.Percentile(99));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {p50:F2} | {p99:F2} | {p99 / baseline:F1} | {failures} |");
            csv.AppendLine(CultureInfo.InvariantCulture, $"\"{scenario}\",{p50:F3},{p99:F3},{p99 / baseline:F2},{failures}");
        }

        table.AppendLine();
        _findings.ForEach(finding => table.AppendLine(finding));

        await report.WriteLineAsync();
        await report.WriteAsync(table.ToString());
        Directory.CreateDirectory(settings.ResultsDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "discovery.md"), table.ToString());
        await File.WriteAllTextAsync(Path.Combine(settings.ResultsDirectory, "discovery.csv"), csv.ToString());
    }

    private static string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];
}
