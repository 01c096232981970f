using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Abstractions.Discovery;
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
    public async Task An_edited_place_shows_its_new_facts_in_a_list_that_showed_the_old_ones()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await CreateAsync(Gateway, owner.Token, $"Before {UniqueWord()}", city: "Oslo");
        var listId = await Api.CreateListAsync(Gateway, owner);
        await (await Gateway.Client(owner.Token).PutAsync($"/api/lists/{listId}/items/{placeId}", null)).JsonAsync(HttpStatusCode.OK);
        await EventuallyAsync(Gateway, $"/api/lists/{listId}", answer => Place(answer).GetProperty("city").GetString() == "Oslo");

        var name = $"After {UniqueWord()}";
        var edit = await Gateway.Client(owner.Token).PatchAsync($"/api/places/{placeId}", JsonContent.Create(new { name, city = "Bergen" }));
        await edit.JsonAsync(HttpStatusCode.OK);

        await EventuallyAsync(Gateway, $"/api/lists/{listId}", answer =>
            Place(answer) is var place && place.GetProperty("name").GetString() == name && place.GetProperty("city").GetString() == "Bergen");
    }

    [Fact]
    public async Task Cards_come_in_the_order_asked_with_null_for_a_place_that_does_not_exist()
    {
        var owner = await Api.JoinAsync(Gateway);
        var first = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var second = await Api.CreatePlaceAsync(Gateway, owner.Token);

        var cards = await Summaries.GetCardsAsync([second, $"missing-{UniqueWord()}", first], [DateTimeOffset.MinValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue]);

        Assert.NotNull(cards[0]?.Facts);
        Assert.Null(cards[1]);
        Assert.NotNull(cards[2]?.Facts);
    }

    [Fact]
    public async Task A_card_carries_facts_only_when_they_are_newer_than_the_callers()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await CreateAsync(Gateway, owner.Token, $"Known {UniqueWord()}", city: "Turku");
        var first = Assert.Single(await Summaries.GetCardsAsync([placeId], [DateTimeOffset.MinValue]))!;
        Assert.Equal("Turku", first.Facts?.City);

        var same = Assert.Single(await Summaries.GetCardsAsync([placeId], [first.UpdatedAt]))!;
        Assert.Null(same.Facts);
        Assert.Equal(first.Stats, same.Stats);

        var older = Assert.Single(await Summaries.GetCardsAsync([placeId], [first.UpdatedAt.AddTicks(-1)]))!;
        Assert.Equal(first.Facts, older.Facts);
    }

    [Fact]
    public void A_caller_holding_no_facts_gets_them_even_from_a_place_whose_time_was_never_set()
    {
        var unset = new PlaceSummary(
            "old-place", "Old", "", "", "Chile", "South America", new GeoLocation(-33, -70), [], default, default, PlaceStats.Zero);

        Assert.Equal("Old", PlaceCard.From(unset, DateTimeOffset.MinValue).Facts?.Name);
        Assert.Null(PlaceCard.From(unset with { UpdatedAt = DateTimeOffset.UnixEpoch }, DateTimeOffset.UnixEpoch).Facts);
    }

    [Fact]
    public async Task Cards_need_one_known_time_per_place() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Summaries.GetCardsAsync(["a", "b"], [DateTimeOffset.MinValue]));

    private IPlaceSummariesGrain Summaries => fixture.Grains.GetGrain<IPlaceSummariesGrain>(0);

    private static JsonElement Place(JsonElement list) => Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("place");
}
