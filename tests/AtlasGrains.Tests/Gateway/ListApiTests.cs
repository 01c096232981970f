using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class ListApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<JsonElement> PlaceAsync(string placeId) =>
        await (await Gateway.Client().GetAsync($"/api/places/{placeId}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>
    /// The list as anyone reads it, less its places' counts: those are the views' copy, which can lag by a second and
    /// differ between silos. The place page's counts are exact; compare those instead.
    /// </summary>
    private async Task<string> ListWithoutPlaceCountsAsync(string listId)
    {
        var list = JsonNode.Parse((await (await Gateway.Client().GetAsync($"/api/lists/{listId}")).JsonAsync(HttpStatusCode.OK)).GetRawText())!;
        foreach (var item in list["items"]!.AsArray())
        {
            item!["place"]!.AsObject().Remove("stats");
        }

        return list.ToJsonString();
    }

    private static IEnumerable<string?> ItemIds(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("placeId").GetString());

    [Fact]
    public async Task A_new_list_is_empty_and_readable()
    {
        var owner = await Api.JoinAsync(Gateway);
        var listId = await Api.CreateListAsync(Gateway, owner, "private", "Best Soviet memorials");

        var list = await (await Gateway.Client(owner.Token).GetAsync($"/api/lists/{listId}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Best Soviet memorials", list.GetProperty("title").GetString());
        Assert.Equal("private", list.GetProperty("visibility").GetString());
        Assert.Equal(owner.UserId, list.GetProperty("ownerId").GetString());
        Assert.Equal(0, list.GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Adding_twice_is_one_item_with_the_new_note_and_the_place_counts_the_list_once()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);

        await (await client.PutAsJsonAsync($"/api/lists/{listId}/items/{placeId}", new { note = "first" })).JsonAsync(HttpStatusCode.OK);
        var list = await (await client.PutAsJsonAsync($"/api/lists/{listId}/items/{placeId}", new { note = "second" })).JsonAsync(HttpStatusCode.OK);

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("second", item.GetProperty("note").GetString());
        Assert.Equal(placeId, item.GetProperty("place").GetProperty("id").GetString());
        Assert.Equal(1, (await PlaceAsync(placeId)).GetProperty("stats").GetProperty("lists").GetInt32());
        var mine = await (await client.GetAsync($"/api/me/places/{placeId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([listId], mine.GetProperty("listIds").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task An_item_can_be_added_without_a_body()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var listId = await Api.CreateListAsync(Gateway, owner);

        var list = await (await Gateway.Client(owner.Token).PutAsync($"/api/lists/{listId}/items/{placeId}", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("note").GetString());
    }

    [Fact]
    public async Task Removing_is_idempotent_and_the_place_stops_counting_the_list()
    {
        var owner = await Api.JoinAsync(Gateway);
        var placeId = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);
        await client.PutAsync($"/api/lists/{listId}/items/{placeId}", null);

        await (await client.DeleteAsync($"/api/lists/{listId}/items/{placeId}")).JsonAsync(HttpStatusCode.OK);
        var list = await (await client.DeleteAsync($"/api/lists/{listId}/items/{placeId}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(0, list.GetProperty("itemCount").GetInt32());
        Assert.Equal(0, (await PlaceAsync(placeId)).GetProperty("stats").GetProperty("lists").GetInt32());
    }

    [Fact]
    public async Task Reorder_must_name_exactly_the_current_items()
    {
        var owner = await Api.JoinAsync(Gateway);
        var places = new[] { await Api.CreatePlaceAsync(Gateway, owner.Token), await Api.CreatePlaceAsync(Gateway, owner.Token), await Api.CreatePlaceAsync(Gateway, owner.Token) };
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);
        foreach (var placeId in places)
        {
            await client.PutAsync($"/api/lists/{listId}/items/{placeId}", null);
        }

        var reordered = await (await client.PutAsJsonAsync($"/api/lists/{listId}/order", new { placeIds = new[] { places[2], places[0], places[1] } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal([places[2], places[0], places[1]], ItemIds(reordered));

        await (await client.PutAsJsonAsync($"/api/lists/{listId}/order", new { placeIds = new[] { places[0], places[1] } })).ProblemAsync(HttpStatusCode.BadRequest, "placeIds");
        await (await client.PutAsJsonAsync($"/api/lists/{listId}/order", new { placeIds = new[] { places[0], places[0], places[1] } })).ProblemAsync(HttpStatusCode.BadRequest, "placeIds");
        await (await client.PutAsJsonAsync($"/api/lists/{listId}/order", new { placeIds = new[] { places[0], places[1], "alzhir" } })).ProblemAsync(HttpStatusCode.BadRequest, "placeIds");
        await (await client.PutAsJsonAsync($"/api/lists/{listId}/order", new { })).ProblemAsync(HttpStatusCode.BadRequest, "placeIds");
        var unchanged = await (await client.GetAsync($"/api/lists/{listId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([places[2], places[0], places[1]], ItemIds(unchanged));
    }

    [Fact]
    public async Task A_private_list_is_404_to_everyone_but_its_owner()
    {
        var owner = await Api.JoinAsync(Gateway);
        var other = await Api.JoinAsync(Gateway);
        var listId = await Api.CreateListAsync(Gateway, owner, "private");

        await (await Gateway.Client(other.Token).GetAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client().GetAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client(owner.Token).GetAsync($"/api/lists/{listId}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Nobody_but_the_owner_changes_a_list_and_nothing_changes_when_they_try()
    {
        var owner = await Api.JoinAsync(Gateway);
        var other = await Api.JoinAsync(Gateway);
        var placeId = await Api.CreatePlaceAsync(Gateway, owner.Token);
        var listId = await Api.CreateListAsync(Gateway, owner, "public");
        await Gateway.Client(owner.Token).PutAsync($"/api/lists/{listId}/items/{placeId}", null);
        var before = await ListWithoutPlaceCountsAsync(listId);
        using var intruder = Gateway.Client(other.Token);
        var anotherPlace = await Api.CreatePlaceAsync(Gateway, other.Token);

        await (await intruder.PutAsync($"/api/lists/{listId}/items/{anotherPlace}", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"/api/lists/{listId}/items/{placeId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PutAsJsonAsync($"/api/lists/{listId}/order", new { placeIds = new[] { placeId } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.PatchAsJsonAsync($"/api/lists/{listId}", new { title = "Mine now" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client().PutAsync($"/api/lists/{listId}/items/{anotherPlace}", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Gateway.Client().DeleteAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(before, await ListWithoutPlaceCountsAsync(listId));
        Assert.Equal(1, (await PlaceAsync(placeId)).GetProperty("stats").GetProperty("lists").GetInt32());
        Assert.Equal(0, (await PlaceAsync(anotherPlace)).GetProperty("stats").GetProperty("lists").GetInt32());
    }

    [Fact]
    public async Task The_owner_renames_and_changes_visibility()
    {
        var owner = await Api.JoinAsync(Gateway);
        var listId = await Api.CreateListAsync(Gateway, owner, "public");
        using var client = Gateway.Client(owner.Token);

        var list = await (await client.PatchAsJsonAsync($"/api/lists/{listId}", new { title = "Renamed", visibility = "private" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Renamed", list.GetProperty("title").GetString());
        Assert.Equal("Two days", list.GetProperty("description").GetString());
        Assert.Equal("private", list.GetProperty("visibility").GetString());
        await (await Gateway.Client().GetAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_list_makes_its_places_stop_counting_it()
    {
        var owner = await Api.JoinAsync(Gateway);
        var places = new[] { await Api.CreatePlaceAsync(Gateway, owner.Token), await Api.CreatePlaceAsync(Gateway, owner.Token) };
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);
        foreach (var placeId in places)
        {
            await client.PutAsync($"/api/lists/{listId}/items/{placeId}", null);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/lists/{listId}")).StatusCode);

        foreach (var placeId in places)
        {
            Assert.Equal(0, (await PlaceAsync(placeId)).GetProperty("stats").GetProperty("lists").GetInt32());
        }

        await (await client.GetAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/lists/{listId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync($"/api/lists/{listId}/items/{places[0]}", null)).ProblemAsync(HttpStatusCode.NotFound);
        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, me.GetProperty("stats").GetProperty("lists").GetInt32());
    }

    [Fact]
    public async Task Adding_an_unknown_place_is_404_and_changes_nothing()
    {
        var owner = await Api.JoinAsync(Gateway);
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);

        await (await client.PutAsync($"/api/lists/{listId}/items/no-such-place-anywhere", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync("/api/lists/0123456789abcdef0123456789abcdef/items/alzhir", null)).ProblemAsync(HttpStatusCode.NotFound);

        var list = await (await client.GetAsync($"/api/lists/{listId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("itemCount").GetInt32());
    }

    public static TheoryData<string, string> InvalidLists => new()
    {
        { """{"visibility":"public"}""", "title" },
        { """{"title":"","visibility":"public"}""", "title" },
        { $$"""{"title":"{{new string('t', 121)}}","visibility":"public"}""", "title" },
        { $$"""{"title":"T","description":"{{new string('d', 2001)}}","visibility":"public"}""", "description" },
        { """{"title":"T"}""", "visibility" },
        { """{"title":"T","visibility":"secret"}""", "visibility" },
    };

    [Theory]
    [MemberData(nameof(InvalidLists))]
    public async Task Invalid_lists_are_refused_with_the_field_named(string body, string field)
    {
        var response = await Gateway.Client((await Api.JoinAsync(Gateway)).Token).PostAsync("/api/lists", Api.RawJson(body));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Ids_in_the_body_never_choose_the_owner_and_long_notes_are_refused()
    {
        var owner = await Api.JoinAsync(Gateway);
        var listId = await Api.CreateListAsync(Gateway, owner);
        using var client = Gateway.Client(owner.Token);

        await (await client.PostAsync("/api/lists", Api.RawJson("""{"title":"T","visibility":"public","ownerId":"someone"}"""))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync($"/api/lists/{listId}/items/alzhir", new { note = new string('n', 1001) })).ProblemAsync(HttpStatusCode.BadRequest, "note");
    }
}
