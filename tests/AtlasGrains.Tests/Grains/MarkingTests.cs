using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class MarkingTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Marking_twice_counts_once()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));

        var first = await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        var second = await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);

        Assert.Equal(new PlaceStats(1, 0, 0), first.PlaceStats);
        Assert.Equal(new PlaceStats(1, 0, 0), second.PlaceStats);
        Assert.True(second.BeenHere);
        Assert.Equal(new PlaceStats(1, 0, 0), await Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
    }

    [Fact]
    public async Task Been_here_and_want_to_go_are_independent()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));

        await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        var both = await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);
        var unmarked = await user.SetMarkAsync(placeId, MarkKind.BeenHere, false);

        Assert.Equal(new PlaceStats(1, 1, 0), both.PlaceStats);
        Assert.Equal(new PlaceStats(0, 1, 0), unmarked.PlaceStats);
        Assert.False(unmarked.BeenHere);
        Assert.True(unmarked.WantToGo);
        Assert.Equal(new UserStats(0, 1, 0, 0), await user.GetStatsAsync());
    }

    [Fact]
    public async Task Unmarking_what_was_never_marked_counts_nothing()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));

        var outcome = await user.SetMarkAsync(placeId, MarkKind.WantToGo, false);

        Assert.Equal(PlaceStats.Zero, outcome.PlaceStats);
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_mark_by_the_same_user_count_once()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => user.SetMarkAsync(placeId, MarkKind.BeenHere, true)));

        Assert.Equal(new PlaceStats(1, 0, 0), await Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
        Assert.Equal(1, (await user.GetStatsAsync()).BeenHere);
    }

    [Fact]
    public async Task Marking_an_unknown_place_is_refused_and_stores_nothing()
    {
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));

        var outcome = await user.SetMarkAsync(TestData.PlaceId("missing"), MarkKind.BeenHere, true);

        Assert.False(outcome.PlaceExists);
        Assert.Equal(new UserStats(0, 0, 0, 0), await user.GetStatsAsync());
    }

    [Fact]
    public async Task Many_users_marking_one_place_at_once_are_all_counted()
    {
        var placeId = await TestData.CreatePlaceAsync(Grains, "hot");
        var users = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => TestData.CreateUserAsync(Grains)));

        await Task.WhenAll(users.Select(id => Grains.GetGrain<IUserGrain>(id).SetMarkAsync(placeId, MarkKind.WantToGo, true)));

        Assert.Equal(new PlaceStats(0, 300, 0), await Grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
        Assert.Equal(new PlaceStats(0, 300, 0), await new StoredTruth(fixture.Cluster).StoredCountsAsync(placeId));
    }

    [Fact]
    public async Task Marks_are_listed_newest_first_across_pages()
    {
        var user = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        var places = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var placeId = await TestData.CreatePlaceAsync(Grains);
            await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
            places.Add(placeId);
        }

        var first = await user.GetMarksAsync(MarkKind.BeenHere, null, 3);
        var second = await user.GetMarksAsync(MarkKind.BeenHere, first.Next, 3);

        Assert.Equal(places.AsEnumerable().Reverse(), first.Items.Concat(second.Items).Select(mark => mark.PlaceId));
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
    }
}
