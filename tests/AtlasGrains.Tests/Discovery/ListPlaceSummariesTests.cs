using System.Net;
using System.Net.Http.Json;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Tests.Infrastructure;
using static AtlasGrains.Tests.Discovery.DiscoveryApi;

namespace AtlasGrains.Tests.Discovery;

/// <summary>
/// A list shows its places as the discovery views know them (`IPlaceSummariesGrain` reads the silo's index), and a
/// place the index doesn't know yet, or doesn't exist, is asked for itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListPlaceSummariesTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task A_place_added_right_after_its_creation_is_shown_and_its_counts_follow_within_the_views_lag()
    {
        var owner = await Api.JoinAsync(Gateway);
        var name = $"Listed {UniqueWord()}";
        var placeId = await CreateAsync(Gateway, owner.Token, name);
        var listId = await Api.CreateListAsync(Gateway, owner);

        // At once, before the index follows the new place, the add's answer still shows it whole.
        var list = await (await Gateway.Client(owner.Token).PutAsync($"/api/lists/{listId}/items/{placeId}", null)).JsonAsync(HttpStatusCode.OK);
        var place = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("place");
        Assert.Equal(name, place.GetProperty("name").GetString());

        var reader = await Api.JoinAsync(Gateway);
        await (await Gateway.Client(reader.Token).PutAsync($"/api/me/been-here/{placeId}", null)).JsonAsync(HttpStatusCode.OK);

        await EventuallyAsync(Gateway, $"/api/lists/{listId}", answer =>
            answer.GetProperty("items")[0].GetProperty("place").GetProperty("stats") is var stats
            && stats.GetProperty("beenHere").GetInt32() == 1 && stats.GetProperty("lists").GetInt32() == 1);
    }

    [Fact]
    public async Task Summaries_come_in_the_order_asked_with_null_for_a_place_that_does_not_exist()
    {
        var owner = await Api.JoinAsync(Gateway);
        var first = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var second = await Api.CreatePlaceAsync(Gateway, owner.Token);

        var summaries = await fixture.Grains.GetGrain<IPlaceSummariesGrain>(0).GetCardsAsync([second, $"missing-{UniqueWord()}", first]);

        Assert.Equal([second, null, first], summaries.Select(summary => summary?.Id));
    }
}
