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

        var changes = await Summaries.GetCardChangesAsync([second, $"missing-{UniqueWord()}", first], HeldPlaceCards.None(3));

        Assert.Equal([0, 1, 2], changes.Changed);
        Assert.NotNull(changes.Cards[0]?.Facts);
        Assert.Null(changes.Cards[1]);
        Assert.NotNull(changes.Cards[2]?.Facts);
    }

    [Fact]
    public async Task A_card_is_sent_only_when_it_differs_from_the_callers_and_carries_facts_only_when_they_are_newer()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await CreateAsync(Gateway, owner.Token, $"Known {UniqueWord()}", city: "Turku");
        var first = Assert.Single((await Summaries.GetCardChangesAsync([placeId], HeldPlaceCards.None(1))).Cards)!;
        Assert.Equal("Turku", first.Facts?.City);

        var same = await Summaries.GetCardChangesAsync([placeId], HeldPlaceCards.Of([first.UpdatedAt], [first.Stats]));
        Assert.Empty(same.Changed);

        var otherCounts = first.Stats with { BeenHere = first.Stats.BeenHere + 1 };
        var recounted = Assert.Single((await Summaries.GetCardChangesAsync([placeId], HeldPlaceCards.Of([first.UpdatedAt], [otherCounts]))).Cards)!;
        Assert.Null(recounted.Facts);
        Assert.Equal(first.Stats, recounted.Stats);

        var older = Assert.Single((await Summaries.GetCardChangesAsync([placeId], HeldPlaceCards.Of([first.UpdatedAt.AddTicks(-1)], [first.Stats]))).Cards)!;
        Assert.Equal(first.Facts, older.Facts);
    }

    [Fact]
    public async Task A_caller_holding_a_stamped_answer_is_sent_the_places_changed_since_and_no_others()
    {
        var owner = await Api.JoinAsync(Gateway);
        string[] placeIds = [await Api.CreatePlaceAsync(Gateway, owner.Token), await Api.CreatePlaceAsync(Gateway, owner.Token)];

        // Stamped once the index holds both (a place it doesn't know yet is asked for itself, and stamps nothing).
        var first = await CardsEventuallyAsync(() => Summaries.GetCardChangesAsync(placeIds, HeldPlaceCards.None(2)), answer => answer.Stamp != IndexStamp.None);
        var held = HeldPlaceCards.Of([.. first.Cards.Select(card => card!.UpdatedAt)], [.. first.Cards.Select(card => (PlaceStats?)card!.Stats)], first.Stamp);
        Assert.Empty((await Summaries.GetCardChangesAsync(placeIds, held)).Changed);

        var reader = await Api.JoinAsync(Gateway);
        await (await Gateway.Client(reader.Token).PutAsync($"/api/me/been-here/{placeIds[1]}", null)).JsonAsync(HttpStatusCode.OK);

        var changes = await CardsEventuallyAsync(() => Summaries.GetCardChangesAsync(placeIds, held), answer => answer.Changed.Length > 0);
        Assert.Equal([1], changes.Changed);
        var card = Assert.Single(changes.Cards)!;
        Assert.Null(card.Facts);
        Assert.Equal(1, card.Stats.BeenHere);
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
    public async Task Cards_need_what_is_held_of_each_place() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Summaries.GetCardChangesAsync(["a", "b"], HeldPlaceCards.None(1)));

    private IPlaceSummariesGrain Summaries => fixture.Grains.GetGrain<IPlaceSummariesGrain>(0);

    /// <summary>Asks until <paramref name="done"/> holds for the answer (the views follow the places within about a second).</summary>
    private static async Task<PlaceCardChanges> CardsEventuallyAsync(Func<Task<PlaceCardChanges>> ask, Func<PlaceCardChanges, bool> done)
    {
        using var patience = new CancellationTokenSource(PatienceLimit);
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            Assert.False(patience.IsCancellationRequested, "The places' cards never showed what the test waited for.");
            await Task.Delay(50);
        }
    }

    private static JsonElement Place(JsonElement list) => Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("place");
}
