using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Discovery.Index;
using static AtlasGrains.Tests.Discovery.IndexedPlaces;

namespace AtlasGrains.Tests.Discovery;

public sealed class GeographyTests
{
    private static readonly GeoLocation Alzhir = new(51.073056, 70.979167);
    private static readonly GeoLocation Bayterek = new(51.1283, 71.4303);

    [Theory]
    [InlineData(51.073056, 70.979167, 51.1283, 71.4303, 32.09)] // ALZHIR to Bayterek Tower
    [InlineData(-18.1416, 178.4419, -13.8333, -171.7667, 1150.70)] // Suva to Apia, across the antimeridian
    [InlineData(51.4700, -0.4543, 40.6413, -73.7781, 5540.02)] // Heathrow to JFK
    [InlineData(89.9, 0, 89.9, 180, 22.24)] // over the North Pole
    [InlineData(0, 0, 0, 180, 20015.11)] // antipodes: half the circumference
    public void Great_circle_distances_match_known_pairs(double lat1, double lng1, double lat2, double lng2, double expectedKm)
    {
        Assert.Equal(expectedKm, GreatCircle.DistanceKm(new GeoLocation(lat1, lng1), new GeoLocation(lat2, lng2)), precision: 1);
        Assert.Equal(expectedKm, GreatCircle.DistanceKm(new GeoLocation(lat2, lng2), new GeoLocation(lat1, lng1)), precision: 1);
    }

    [Fact]
    public void Nearest_places_come_nearest_first_without_the_place_itself()
    {
        var index = With(Place("alzhir", Alzhir.Latitude, Alzhir.Longitude), Place("bayterek", Bayterek.Latitude, Bayterek.Longitude),
            Place("almaty", 43.2389, 76.8897), Place("reykjavik", 64.1466, -21.9426));

        var nearby = index.Nearest(Alzhir, radiusKm: null, limit: 3, excludeId: "alzhir");

        Assert.Equal(["bayterek", "almaty", "reykjavik"], nearby.Select(place => place.Place.Id));
        Assert.Equal(32.09, nearby[0].DistanceKm, precision: 1);
    }

    [Fact]
    public void Nearest_looks_across_the_antimeridian()
    {
        var index = With(Place("east", -16.8, 179.9), Place("west", -16.8, -179.9), Place("far-east", -16.8, 170));

        var nearby = index.Nearest(new GeoLocation(-16.8, 179.99), radiusKm: 50, limit: 10, excludeId: null);

        Assert.Equal(["east", "west"], nearby.Select(place => place.Place.Id));
    }

    [Fact]
    public void Near_a_pole_every_longitude_is_close()
    {
        var index = With(Place("p0", 89.8, 0), Place("p90", 89.8, 90), Place("p180", 89.8, 180), Place("p-90", 89.8, -90), Place("south", 80, 0));

        var nearby = index.Nearest(new GeoLocation(89.9, 45), radiusKm: 100, limit: 10, excludeId: null);

        Assert.Equal(["p-90", "p0", "p180", "p90"], nearby.Select(place => place.Place.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_radius_query_returns_exactly_the_places_within_it()
    {
        var random = new Random(7);
        var places = Enumerable.Range(0, 2000).Select(i => Place($"p{i}", random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180)).ToArray();
        var index = With(places);
        foreach (var center in new[] { new GeoLocation(0, 0), new GeoLocation(60, 179.5), new GeoLocation(-89, 10), new GeoLocation(45, -179.9) })
        {
            var expected = places.Where(place => GreatCircle.DistanceKm(center, place.Location) <= 500).Select(place => place.Id).Order(StringComparer.Ordinal);

            var found = index.Nearest(center, radiusKm: 500, limit: 100, excludeId: null).Select(place => place.Place.Id).Order(StringComparer.Ordinal);

            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void Nearest_without_a_radius_finds_the_true_nearest_however_far()
    {
        var random = new Random(11);
        var places = Enumerable.Range(0, 300).Select(i => Place($"p{i}", random.NextDouble() * 180 - 90, random.NextDouble() * 360 - 180)).ToArray();
        var index = With(places);
        var center = new GeoLocation(-60, -120);

        var expected = places.OrderBy(place => GreatCircle.DistanceKm(center, place.Location)).Take(5).Select(place => place.Id);

        Assert.Equal(expected, index.Nearest(center, radiusKm: null, limit: 5, excludeId: null).Select(place => place.Place.Id));
    }
}
