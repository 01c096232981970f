using System.Net;
using System.Text.Json;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

/// <summary>Where lists show up besides their own page: my lists, a user's lists, the lists holding a place, counts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ListBrowsingApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<JsonElement> PlaceAsync(string placeId) =>
        await (await Gateway.Client().GetAsync($"/api/places/{placeId}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Others_see_only_public_lists_and_counts_while_the_owner_sees_all()
    {
        var owner = await Api.JoinAsync(Gateway);
        var publicList = await Api.CreateListAsync(Gateway, owner, "public");
        var privateList = await Api.CreateListAsync(Gateway, owner, "private");
        var placeId = await Api.CreatePlaceAsync(Gateway, owner.Token);
        using var client = Gateway.Client(owner.Token);
        await client.PutAsync($"/api/lists/{publicList}/items/{placeId}", null);
        await client.PutAsync($"/api/lists/{privateList}/items/{placeId}", null);

        static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(list => list.GetProperty("id").GetString());
        var mine = await (await client.GetAsync("/api/me/lists")).JsonAsync(HttpStatusCode.OK);
        var ownerView = await (await client.GetAsync($"/api/users/{owner.UserId}/lists")).JsonAsync(HttpStatusCode.OK);
        var publicView = await (await Gateway.Client().GetAsync($"/api/users/{owner.UserId}/lists")).JsonAsync(HttpStatusCode.OK);
        var placeLists = await (await Gateway.Client().GetAsync($"/api/places/{placeId}/lists")).JsonAsync(HttpStatusCode.OK);
        var profile = await (await Gateway.Client().GetAsync($"/api/users/{owner.UserId}")).JsonAsync(HttpStatusCode.OK);
        var me = await (await client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([privateList, publicList], Ids(mine));
        Assert.Equal([privateList, publicList], Ids(ownerView));
        Assert.Equal([publicList], Ids(publicView));
        Assert.Equal([publicList], Ids(placeLists));
        Assert.Equal(1, Assert.Single(placeLists.GetProperty("items").EnumerateArray()).GetProperty("itemCount").GetInt32());
        Assert.Equal(1, profile.GetProperty("stats").GetProperty("lists").GetInt32());
        Assert.Equal(2, me.GetProperty("stats").GetProperty("lists").GetInt32());
        Assert.Equal(2, (await PlaceAsync(placeId)).GetProperty("stats").GetProperty("lists").GetInt32());
    }

    [Fact]
    public async Task My_lists_are_paged()
    {
        var owner = await Api.JoinAsync(Gateway);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await Api.CreateListAsync(Gateway, owner, title: $"List {i}"));
        }

        using var client = Gateway.Client(owner.Token);
        var first = await (await client.GetAsync("/api/me/lists?limit=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await client.GetAsync($"/api/me/lists?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).JsonAsync(HttpStatusCode.OK);

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(list => list.GetProperty("id").GetString());
        Assert.Equal(created.AsEnumerable().Reverse(), ids);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        await (await client.GetAsync("/api/me/lists?limit=101")).ProblemAsync(HttpStatusCode.BadRequest, "limit");
        await (await Gateway.Client().GetAsync("/api/places/alzhir/lists?cursor=***")).ProblemAsync(HttpStatusCode.BadRequest, "cursor");
        await (await Gateway.Client().GetAsync("/api/places/no-such-place-anywhere/lists")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
