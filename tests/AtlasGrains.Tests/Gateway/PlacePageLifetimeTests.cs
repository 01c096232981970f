using System.Diagnostics.Metrics;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// A kept place page is answered for at most its lifetime, and copies fetched together don't all expire at once
/// (<see cref="PlacePageCache"/>): otherwise the reads right after would all ask the silo together, again every lifetime.
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
        var cache = new PlacePageCache(fixture.Grains, time, Options.Create(new PlacePagesOptions { Lifetime = Lifetime }), services.GetRequiredService<IMeterFactory>());
        var places = new List<string>();
        for (var index = 0; index < 48; index++)
        {
            places.Add(await TestData.CreatePlaceAsync(fixture.Grains, "lifetime"));
        }

        foreach (var place in places)
        {
            Assert.NotNull(await cache.GetAsync(place));
        }

        time.Advance(Lifetime * 3 / 4 - TimeSpan.FromMilliseconds(1));
        Assert.All(places, place => Assert.True(cache.Holds(place)));

        // Uniform over the last quarter, 48 copies all on one side of its middle would be a 1 in 10^14 chance.
        time.Advance(Lifetime / 8);
        Assert.InRange(places.Count(cache.Holds), 1, places.Count - 1);

        time.Advance(Lifetime / 8 + TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(places, cache.Holds);
    }
}
