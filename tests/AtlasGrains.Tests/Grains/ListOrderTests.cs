using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A list's order as stored: an add writes no order (only a reorder does), so the order a fresh activation reads must
/// be the last reorder's, then each item added since in the order it was added.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListOrderTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_fresh_activation_reads_the_reorder_then_the_adds_since_and_a_place_added_again_goes_last()
    {
        var owner = await TestData.CreateUserAsync(Grains);
        var meta = await Grains.GetGrain<IUserGrain>(owner).CreateListAsync("Order", "", isPublic: true) ?? throw new InvalidOperationException("No list.");
        var list = Grains.GetGrain<IListGrain>(meta.ListId);
        var places = new string[5];
        for (var i = 0; i < places.Length; i++)
        {
            places[i] = await TestData.CreatePlaceAsync(Grains);
        }

        foreach (var placeId in places[..3])
        {
            await list.PutItemAsync(owner, placeId, null);
        }

        await list.ReorderAsync(owner, [places[2], places[0], places[1]]);
        await list.PutItemAsync(owner, places[3], null);
        await list.PutItemAsync(owner, places[4], null);
        await list.RemoveItemAsync(owner, places[0]);
        await list.PutItemAsync(owner, places[0], "back again");
        string[] expected = [places[2], places[1], places[3], places[4], places[0]];
        Assert.Equal(expected, await ItemIdsAsync(list));

        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(expected, await ItemIdsAsync(list));
        Assert.Equal("back again", (await list.GetContentsAsync())!.Items[^1].Note);
    }

    private static async Task<string[]> ItemIdsAsync(IListGrain list) =>
        [.. (await list.GetContentsAsync())!.Items.Select(item => item.PlaceId)];
}
