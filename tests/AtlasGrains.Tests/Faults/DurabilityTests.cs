using AtlasGrains.Abstractions.Accounts;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Faults;

/// <summary>State lives in Azurite, not in silo memory: a whole new set of silos finds all of it.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Everything_survives_a_restart_of_all_silos()
    {
        var identity = ClusterIdentity.New();
        string placeId, userId;
        await using (var before = await AtlasCluster.StartAsync(identity: identity))
        {
            placeId = await TestData.CreatePlaceAsync(before.Grains);
            userId = await before.Grains.GetGrain<IAccountGrain>($"{Guid.NewGuid():N}@example.com").RegisterAsync("x@example.com", "hash", "Dana")
                ?? throw new InvalidOperationException("Registration failed.");
            var user = before.Grains.GetGrain<IUserGrain>(userId);
            await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
            await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);
            await user.SetMarkAsync(placeId, MarkKind.WantToGo, false);
        }

        await using var after = await AtlasCluster.StartAsync(identity: identity);

        var place = await after.Grains.GetGrain<IPlaceGrain>(placeId).GetAsync();
        var restartedUser = after.Grains.GetGrain<IUserGrain>(userId);
        Assert.Equal(new PlaceStats(1, 0, 0), place?.Stats);
        Assert.Equal("Dana", (await restartedUser.GetProfileAsync())?.DisplayName);
        Assert.Equal(new UserStats(1, 0, 0, 0), await restartedUser.GetStatsAsync());
        Assert.Equal([placeId], (await restartedUser.GetMarksAsync(MarkKind.BeenHere, null, 10)).Items.Select(mark => mark.PlaceId));
        var again = await restartedUser.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        Assert.Equal(new PlaceStats(1, 0, 0), again.PlaceStats);
    }

    [Fact]
    public async Task A_hundred_users_marking_twenty_places_in_parallel_give_exact_counts()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var places = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TestData.CreatePlaceAsync(cluster.Grains)));
        var users = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => TestData.CreateUserAsync(cluster.Grains)));

        // All users at once, each like a person clicking through the places: every user marks every place
        // been-here; users with an even index also mark want-to-go and then take back want-to-go on the first five.
        await Task.WhenAll(users.Select(async (userId, index) =>
        {
            var user = cluster.Grains.GetGrain<IUserGrain>(userId);
            foreach (var placeId in places)
            {
                await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
            }

            if (index % 2 == 0)
            {
                foreach (var placeId in places)
                {
                    await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);
                }

                foreach (var placeId in places.Take(5))
                {
                    await user.SetMarkAsync(placeId, MarkKind.WantToGo, false);
                }
            }
        }));

        var truth = new StoredTruth(cluster);
        var stored = await truth.MarksAsync();
        for (var i = 0; i < places.Length; i++)
        {
            var expected = new PlaceStats(100, i < 5 ? 0 : 50, 0);
            Assert.Equal(expected, await cluster.Grains.GetGrain<IPlaceGrain>(places[i]).GetStatsAsync());
            Assert.Equal(expected, await truth.StoredCountsAsync(places[i]));
            Assert.Equal(100, stored.Count(mark => mark.PlaceId == places[i] && mark.Kind == RelationKind.BeenHere));
        }
    }
}
