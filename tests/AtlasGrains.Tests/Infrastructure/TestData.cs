using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Fresh keys and entities per test, so tests sharing a cluster never meet.</summary>
public static class TestData
{
    public static string PlaceId(string hint = "place") => $"{hint}-{Guid.NewGuid().ToString("N")[..12]}";

    public static string UserId() => Guid.NewGuid().ToString("N");

    public static PlaceDetails Details(string name = "Test place") => new()
    {
        Name = name,
        Location = new GeoLocation(51.07, 70.98),
        Country = "Kazakhstan",
        City = "Malinovka",
        Tags = ["test"],
    };

    public static async Task<string> CreatePlaceAsync(IGrainFactory grains, string hint = "place")
    {
        var id = PlaceId(hint);
        await grains.GetGrain<IPlaceGrain>(id).CreateAsync(Details(), new UserRef("tester", "Tester"));
        return id;
    }

    public static async Task<string> CreateUserAsync(IGrainFactory grains)
    {
        var id = UserId();
        await grains.GetGrain<IUserGrain>(id).CreateProfileAsync($"{id}@example.com", "Tester");
        return id;
    }
}
