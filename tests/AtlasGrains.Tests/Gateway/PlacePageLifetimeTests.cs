using System.Diagnostics.Metrics;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// A kept place page is answered for at most its lifetime, copies fetched together don't all expire at once, and a copy
/// still read near its end is fetched again before it expires (<see cref="PlacePageCache"/>): otherwise the reads right
/// after would all ask the silo together, again every lifetime.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacePageLifetimeTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Copies_fetched_together_expire_spread_over_the_last_quarter_of_the_lifetime()
    {
        var time = new FakeTimeProvider();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var cache = NewCache(time, services);
        var places = await FetchNewPlacesAsync(cache, 48);

        time.Advance(Lifetime * 3 / 4 - TimeSpan.FromMilliseconds(1));
        Assert.All(places, place => Assert.True(cache.Holds(place)));

        // Uniform over the last quarter, 48 copies all on one side of its middle would be a 1 in 10^14 chance.
        time.Advance(Lifetime / 8);
        Assert.InRange(places.Count(cache.Holds), 1, places.Count - 1);

        time.Advance(Lifetime / 8 + TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(places, cache.Holds);
    }

    [Fact]
    public async Task A_copy_read_in_the_last_third_of_its_lifetime_is_fetched_again_before_it_expires()
    {
        var time = new FakeTimeProvider();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var cache = NewCache(time, services);
        var readEarly = await FetchNewPlacesAsync(cache, 8);
        var readLate = await FetchNewPlacesAsync(cache, 8);

        // Each copy lives 3/4 to all of the lifetime, and is fetched again when read in the third before it expires:
        // at 2/5 of the lifetime no copy is in that third yet, at 7/10 every copy is, and none has expired.
        time.Advance(Lifetime * 2 / 5);
        await ReadAsync(cache, readEarly);
        time.Advance(Lifetime * 3 / 10);
        await ReadAsync(cache, readLate);

        time.Advance(Lifetime * 3 / 10 + TimeSpan.FromMilliseconds(1));
        Assert.All(readLate, place => Assert.True(cache.Holds(place)));
        Assert.DoesNotContain(readEarly, cache.Holds);
    }

    /// <summary>Reads each place, and waits for a fetch the read started in the background, if it did.</summary>
    private static async Task ReadAsync(PlacePageCache cache, List<string> places)
    {
        foreach (var place in places)
        {
            Assert.NotNull(await cache.GetAsync(place));
            await (cache.FetchInFlight(place) ?? Task.CompletedTask);
        }
    }

    private PlacePageCache NewCache(FakeTimeProvider time, IServiceProvider services) =>
        new(fixture.Grains, time, Options.Create(new PlacePagesOptions { Lifetime = Lifetime }), Options.Create(new HttpJsonOptions()),
            services.GetRequiredService<IMeterFactory>());

    private async Task<List<string>> FetchNewPlacesAsync(PlacePageCache cache, int count)
    {
        var places = new List<string>();
        for (var index = 0; index < count; index++)
        {
            places.Add(await TestData.CreatePlaceAsync(fixture.Grains, "lifetime"));
        }

        foreach (var place in places)
        {
            Assert.NotNull(await cache.GetAsync(place));
        }

        return places;
    }
}
