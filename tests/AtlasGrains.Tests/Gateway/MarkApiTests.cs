using System.Text.Json;
using System.Net;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class MarkApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    [Theory]
    [InlineData("been-here", "beenHere")]
    [InlineData("want-to-go", "wantToGo")]
    public async Task Put_and_delete_are_idempotent_and_counted_exactly(string segment, string field)
    {
        var reader = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
        using var client = Gateway.Client(reader.Token);

        await (await client.PutAsync($"/api/me/{segment}/{id}", null)).JsonAsync(HttpStatusCode.OK);
        var again = await (await client.PutAsync($"/api/me/{segment}/{id}", null)).JsonAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty(field).GetBoolean());
        Assert.Equal(1, again.GetProperty("stats").GetProperty(field).GetInt32());

        await (await client.DeleteAsync($"/api/me/{segment}/{id}")).JsonAsync(HttpStatusCode.OK);
        var removed = await (await client.DeleteAsync($"/api/me/{segment}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(removed.GetProperty(field).GetBoolean());
        Assert.Equal(0, removed.GetProperty("stats").GetProperty(field).GetInt32());
    }

    [Fact]
    public async Task Marks_of_several_readers_add_up_and_show_on_the_place()
    {
        var readers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Api.JoinAsync(Gateway)));
        var id = await Api.CreatePlaceAsync(Gateway, readers[0].Token);

        foreach (var reader in readers)
        {
            using var client = Gateway.Client(reader.Token);
            await (await client.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
        }

        using var twoWant = Gateway.Client(readers[1].Token);
        await (await twoWant.PutAsync($"/api/me/want-to-go/{id}", null)).JsonAsync(HttpStatusCode.OK);
        var place = await (await Gateway.Client().GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, place.GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.Equal(1, place.GetProperty("stats").GetProperty("wantToGo").GetInt32());
    }

    [Fact]
    public async Task Marking_an_unknown_place_is_404_and_counts_nothing()
    {
        var reader = await Api.JoinAsync(Gateway);
        using var client = Gateway.Client(reader.Token);

        await (await client.PutAsync("/api/me/been-here/no-such-place-anywhere", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync("/api/me/been-here/Bad%20Id", null)).ProblemAsync(HttpStatusCode.NotFound);

        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, me.GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    [Fact]
    public async Task Marking_needs_a_token()
    {
        await (await Gateway.Client().PutAsync("/api/me/been-here/alzhir", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Gateway.Client().GetAsync("/api/me/been-here")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task My_state_for_a_place_backs_its_buttons()
    {
        var reader = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
        using var client = Gateway.Client(reader.Token);
        await client.PutAsync($"/api/me/want-to-go/{id}", null);

        var state = await (await client.GetAsync($"/api/me/places/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.False(state.GetProperty("beenHere").GetBoolean());
        Assert.True(state.GetProperty("wantToGo").GetBoolean());
        Assert.Equal(0, state.GetProperty("listIds").GetArrayLength());
        await (await client.GetAsync("/api/me/places/no-such-place-anywhere")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task My_marks_are_paged_newest_first_and_readable_by_others()
    {
        var reader = await Api.JoinAsync(Gateway);
        using var client = Gateway.Client(reader.Token);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
            await (await client.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        var first = await (await client.GetAsync("/api/me/been-here?limit=2")).JsonAsync(HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await Gateway.Client().GetAsync($"/api/users/{reader.UserId}/been-here?limit=2&cursor={cursor}"))
            .JsonAsync(HttpStatusCode.OK);

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(item => item.GetProperty("place").GetProperty("id").GetString());
        Assert.Equal(ids.AsEnumerable().Reverse(), listed);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(1, first.GetProperty("items")[0].GetProperty("place").GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    public async Task Bad_paging_values_are_400(string query, string field)
    {
        using var client = Gateway.Client((await Api.JoinAsync(Gateway)).Token);

        var response = await client.GetAsync($"/api/me/want-to-go?{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Marks_of_an_unknown_user_are_404()
    {
        await (await Gateway.Client().GetAsync("/api/users/0123456789abcdef0123456789abcdef/want-to-go")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
