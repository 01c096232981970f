using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S1 and S2: bench users mark places "been here" over HTTP (PUT /api/me/been-here/{place}, each with its own
/// token) in a closed loop, then the counts are drained and checked against the acknowledged marks.
/// </summary>
internal sealed class MarkScenarios(HttpClient http, string[] tokens, MarkDrain drain, int workers)
{
    public sealed record Result(LoadResult Load, MarkDrain.Outcome Drain);

    /// <summary>S1: users 0..users-1 each mark the one hot place once.</summary>
    public Task<Result> HotPlaceAsync(string place, int users) =>
        RunAsync([.. Enumerable.Range(0, users).Select(user => (user, place))]);

    /// <summary>
    /// S2: marks spread uniformly over places 1..places-1 (place 0 is S1's), by users taken in turn, no user
    /// marking the same place twice, so every acknowledged mark must add exactly one to its place.
    /// </summary>
    public Task<Result> UniformAsync(int marks, int users, int places)
    {
        var random = new Random(7);
        var chosen = new HashSet<(int User, int Place)>();
        for (var index = 0; chosen.Count < marks; index++)
        {
            chosen.Add((index % users, 1 + random.Next(places - 1)));
        }

        return RunAsync([.. chosen.Select(mark => (mark.User, CatalogSeeder.PlaceId(mark.Place)))]);
    }

    private async Task<Result> RunAsync((int User, string Place)[] marks)
    {
        var acknowledged = new ConcurrentDictionary<string, int>();
        foreach (var place in marks.Select(mark => mark.Place).Distinct())
        {
            acknowledged[place] = 0;
        }

        var load = await ClosedLoad.RunAsync(http, index => Put(marks[index]), marks.Length, workers,
            index => acknowledged.AddOrUpdate(marks[index].Place, 1, (_, count) => count + 1));
        return new Result(load, await drain.WaitAsync(acknowledged));
    }

    private HttpRequestMessage Put((int User, string Place) mark) => new(HttpMethod.Put, $"/api/me/been-here/{mark.Place}")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens[mark.User]) },
    };
}
