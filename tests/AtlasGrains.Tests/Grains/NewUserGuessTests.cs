using System.Diagnostics.Metrics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A user's activation whose first call is a mark may take the user as new and skip reading its rows
/// (<see cref="NewUserGuesses"/>). A returning user taken so must still get answers from what is stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NewUserGuessTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_returning_user_taken_as_new_is_read_and_answered_from_what_is_stored()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        await user.CreateListAsync("Someday", "", isPublic: true);
        await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);
        await user.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        TrustGuesses();
        using var guesses = new SiloGuesses(fixture.Cluster);

        var outcome = await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);

        Assert.Equal(1, guesses.Of("wrong"));
        Assert.True(outcome.BeenHere);
        Assert.True(outcome.WantToGo);
        Assert.Equal(new PlaceStats(1, 1, 0), outcome.PlaceStats);
        Assert.Equal(new UserStats(1, 1, 1, 1), await user.GetStatsAsync());
        Assert.Equal(new PlaceStats(1, 1, 0), await Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
    }

    [Fact]
    public async Task A_new_users_first_mark_is_taken_as_new_and_counted_once()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        TrustGuesses();
        using var guesses = new SiloGuesses(fixture.Cluster);

        var first = await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        var again = await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);

        Assert.Equal(1, guesses.Of("right"));
        Assert.Equal(new PlaceStats(1, 0, 0), first.PlaceStats);
        Assert.Equal(new PlaceStats(1, 0, 0), again.PlaceStats);
        Assert.Equal(new UserStats(1, 0, 0, 0), await user.GetStatsAsync());
    }

    [Fact]
    public async Task A_returning_users_first_unmark_reads_first()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        await user.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        TrustGuesses();
        using var guesses = new SiloGuesses(fixture.Cluster);

        var outcome = await user.SetMarkAsync(placeId, MarkKind.BeenHere, false);

        Assert.Equal(0, guesses.Of("right") + guesses.Of("wrong"));
        Assert.False(outcome.BeenHere);
        Assert.Equal(PlaceStats.Zero, outcome.PlaceStats);
        Assert.Equal(new UserStats(0, 0, 0, 0), await user.GetStatsAsync());
    }

    /// <summary>Earlier tests' returning users may have made a silo stop guessing; these tests need it to guess.</summary>
    private void TrustGuesses()
    {
        foreach (var silo in fixture.Cluster.SiloServices<NewUserGuesses>())
        {
            while (silo.RightShare < NewUserGuesses.Trust)
            {
                silo.Record(right: true);
            }
        }
    }

    /// <summary>The guesses of this cluster's silos, by outcome, from their metrics.</summary>
    private sealed class SiloGuesses(AtlasCluster cluster) : IDisposable
    {
        private readonly List<CounterReadings> _silos =
            [.. cluster.SiloServices<IMeterFactory>().Select(meters => new CounterReadings("atlas.users.new_user_guesses", "outcome", meters))];

        public long Of(string outcome) => _silos.Sum(silo => silo.Of(outcome));

        public void Dispose() => _silos.ForEach(silo => silo.Dispose());
    }
}
