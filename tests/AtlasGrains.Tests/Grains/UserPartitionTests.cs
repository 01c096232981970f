using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// An activating user reads one meta row, and only queries its partition when that row exists: so every writer
/// of the partition must store the meta row first, or what it wrote would be invisible to the next activation.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UserPartitionTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_user_who_only_made_a_list_still_has_it_after_a_reactivation()
    {
        var userId = await TestData.CreateUserAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(userId);
        var list = await user.CreateListAsync("Only lists", "", isPublic: true) ?? throw new InvalidOperationException("No list.");

        await ReactivateEveryGrainAsync();

        Assert.Equal(list.ListId, (await user.GetListAsync(list.ListId))?.ListId);
        Assert.Equal(1, (await user.GetStatsAsync()).Lists);
    }

    [Fact]
    public async Task A_user_who_marked_keeps_the_mark_after_a_reactivation()
    {
        var userId = await TestData.CreateUserAsync(Grains);
        var placeId = await TestData.CreatePlaceAsync(Grains);
        var user = Grains.GetGrain<IUserGrain>(userId);
        await user.SetMarkAsync(placeId, MarkKind.WantToGo, true);

        await ReactivateEveryGrainAsync();

        Assert.True((await user.GetPlaceStateAsync(placeId)).WantToGo);
    }

    [Fact]
    public async Task A_user_who_only_reads_stores_nothing()
    {
        var userId = TestData.UserId();

        await Grains.GetGrain<IUserGrain>(userId).GetStatsAsync();

        var rows = await fixture.Cluster.UserMarksOf(userId)
            .QueryAsync<TableEntity>(row => row.PartitionKey == UserRows.PartitionOf(userId) && row.RowKey.CompareTo(UserRows.Start(userId)) >= 0 && row.RowKey.CompareTo(UserRows.End(userId)) < 0)
            .ToListAsync();
        Assert.Empty(rows);
    }

    private Task ReactivateEveryGrainAsync() =>
        fixture.Cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
