using System.Diagnostics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Bench.Discovery;

/// <summary>
/// The data generator: creates synthetic places and readers' marks through the grains (the same code paths as the
/// API, without HTTP and password hashing in the way), many at a time.
/// </summary>
internal sealed class CatalogSeeder(IGrainFactory grains, int seed)
{
    private static readonly UserRef Author = new("bench", "Benchmark");
    private const int InFlight = 64;

    public static string PlaceId(int number) => $"bench-place-{number}";

    public async Task<TimeSpan> CreatePlacesAsync(int count)
    {
        var timer = Stopwatch.StartNew();
        var generator = new SyntheticPlaces(seed);
        var details = Enumerable.Range(0, count).Select(generator.Next).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (number, _) =>
            await grains.GetGrain<IPlaceGrain>(PlaceId(number)).CreateAsync(details[number], Author));
        return timer.Elapsed;
    }

    /// <summary>Readers mark places been-here or want-to-go, popular places far more often than the rest.</summary>
    public async Task<TimeSpan> MarkAsync(int readers, int marks, int places)
    {
        var timer = Stopwatch.StartNew();
        var generator = new SyntheticPlaces(seed + 1);
        var plan = Enumerable.Range(0, marks)
            .Select(i => (Reader: $"bench-reader-{i % readers}", Place: PlaceId(generator.Zipf(places)), Kind: i % 3 == 0 ? MarkKind.WantToGo : MarkKind.BeenHere))
            .GroupBy(mark => mark.Reader)
            .ToArray();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (reader, _) =>
        {
            foreach (var mark in reader)
            {
                await grains.GetGrain<IUserGrain>(mark.Reader).SetMarkAsync(mark.Place, mark.Kind, true);
            }
        });
        return timer.Elapsed;
    }
}
