using System.Text.Json;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Silo.Seeding;

/// <summary>
/// Publishes the seed places at silo start. Idempotent: a place that exists is left as it is, so every
/// silo may run it, every time.
/// </summary>
public sealed partial class PlaceSeeder(IGrainFactory grains, IConfiguration configuration, ILogger<PlaceSeeder> logger)
    : IStartupTask
{
    public static readonly UserRef SeedAuthor = new("atlas", "Atlas Grains");

    public async Task Execute(CancellationToken cancellationToken)
    {
        var path = configuration["Seed:PlacesFile"] ?? Path.Combine(AppContext.BaseDirectory, "SeedData", "places.json");
        if (!File.Exists(path))
        {
            LogNoSeedFile(path);
            return;
        }

        await using var file = File.OpenRead(path);
        var places = await JsonSerializer.DeserializeAsync<List<SeedPlace>>(file, JsonSerializerOptions.Web, cancellationToken) ?? [];
        var created = 0;
        await Parallel.ForEachAsync(places, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (place, _) =>
        {
            if (await grains.GetGrain<IPlaceGrain>(place.Id).CreateAsync(place.ToDetails(), SeedAuthor) is not null)
            {
                Interlocked.Increment(ref created);
            }
        });
        LogSeeded(places.Count, created);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No seed file at {Path}; no places seeded.")]
    private partial void LogNoSeedFile(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed places: {Total} in the file, {Created} newly published.")]
    private partial void LogSeeded(int total, int created);
}
