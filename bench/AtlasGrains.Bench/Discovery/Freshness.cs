using System.Diagnostics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Discovery;

/// <summary>
/// How quickly an edit shows in the views: renames places to a word never seen before, one at a time, and times
/// from the acknowledged edit until a search through the gateway finds the new name.
/// </summary>
internal static class Freshness
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public static async Task<Latencies> MeasureAsync(IGrainFactory grains, HttpClient http, int edits, int places)
    {
        var latencies = new Latencies();
        var editor = new UserRef("bench", "Benchmark");
        for (var i = 0; i < edits; i++)
        {
            var word = $"fresh{Guid.NewGuid():N}"[..20];
            var place = grains.GetGrain<IPlaceGrain>(CatalogSeeder.PlaceId(i * (places / edits)));
            await place.EditAsync(new PlaceEdit { Name = $"Renamed {word}" }, editor);
            var timer = Stopwatch.StartNew();
            while (!(await http.GetStringAsync($"/api/search?q={word}")).Contains(word, StringComparison.Ordinal))
            {
                if (timer.Elapsed > GiveUpAfter)
                {
                    throw new TimeoutException($"An edit did not show in search within {GiveUpAfter}.");
                }

                await Task.Delay(5);
            }

            latencies.Add(timer.Elapsed);
        }

        return latencies;
    }
}
