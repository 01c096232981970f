using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// Place pages cached in the gateway: a second gateway of the shared cluster caches for a minute, so what it serves
/// from its cache is told apart from what the place says now; changes through the shared gateway stand for changes
/// made anywhere else.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacePageCacheTests(ClusterFixture fixture)
{
    private GatewayHost Elsewhere => fixture.Gateway;

    [Fact]
    public async Task A_page_is_served_from_the_cache_until_a_mark_through_this_gateway_evicts_it()
    {
        await using var gateway = await StartGatewayAsync("00:01:00");
        var (first, second) = (await Api.JoinAsync(Elsewhere), await Api.JoinAsync(Elsewhere));
        var placeId = await Api.CreatePlaceAsync(Elsewhere, first.Token);
        Assert.Equal(0, BeenHere(await PageAsync(gateway, placeId)));

        await (await Elsewhere.Client(first.Token).PutAsync($"/api/me/been-here/{placeId}", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, BeenHere(await PageAsync(gateway, placeId)));

        await (await gateway.Client(second.Token).PutAsync($"/api/me/want-to-go/{placeId}", null)).JsonAsync(HttpStatusCode.OK);
        var page = await PageAsync(gateway, placeId);
        Assert.Equal(1, BeenHere(page));
        Assert.Equal(1, page.GetProperty("stats").GetProperty("wantToGo").GetInt32());

        await (await gateway.Client(second.Token).DeleteAsync($"/api/me/want-to-go/{placeId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await PageAsync(gateway, placeId)).GetProperty("stats").GetProperty("wantToGo").GetInt32());
    }

    [Fact]
    public async Task An_edit_and_a_list_item_through_this_gateway_show_on_the_page_at_once()
    {
        await using var gateway = await StartGatewayAsync("00:01:00");
        var owner = await Api.JoinAsync(gateway);
        var placeId = await Api.CreatePlaceAsync(gateway, owner.Token);
        var listId = await Api.CreateListAsync(gateway, owner);
        using var client = gateway.Client(owner.Token);
        await PageAsync(gateway, placeId);

        await (await client.PatchAsJsonAsync($"/api/places/{placeId}", new { subtitle = "Edited just now" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edited just now", (await PageAsync(gateway, placeId)).GetProperty("subtitle").GetString());

        await (await client.PutAsync($"/api/lists/{listId}/items/{placeId}", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, Lists(await PageAsync(gateway, placeId)));
        await (await client.DeleteAsync($"/api/lists/{listId}/items/{placeId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, Lists(await PageAsync(gateway, placeId)));
    }

    [Fact]
    public async Task A_change_made_elsewhere_shows_once_the_page_is_older_than_its_max_age()
    {
        await using var gateway = await StartGatewayAsync("00:00:00.200");
        var reader = await Api.JoinAsync(Elsewhere);
        var placeId = await Api.CreatePlaceAsync(Elsewhere, reader.Token);
        Assert.Equal(0, BeenHere(await PageAsync(gateway, placeId)));

        await (await Elsewhere.Client(reader.Token).PutAsync($"/api/me/been-here/{placeId}", null)).JsonAsync(HttpStatusCode.OK);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (BeenHere(await PageAsync(gateway, placeId)) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "The page still showed the count from before the mark after 10 s.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_missing_place_is_not_cached_so_it_is_found_once_created()
    {
        await using var gateway = await StartGatewayAsync("00:01:00");
        var author = await Api.JoinAsync(Elsewhere);
        var name = $"Not yet {Guid.NewGuid():N}";
        var slug = PlaceSlug.FromName(name);
        await (await gateway.Client().GetAsync($"/api/places/{slug}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(slug, await Api.CreatePlaceAsync(Elsewhere, author.Token, name));
        Assert.Equal(slug, (await PageAsync(gateway, slug)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Each_origin_gets_the_CORS_answer_for_itself_not_the_cached_one()
    {
        await using var gateway = await StartGatewayAsync("00:01:00");
        var author = await Api.JoinAsync(Elsewhere);
        var placeId = await Api.CreatePlaceAsync(Elsewhere, author.Token);

        Assert.Equal(GatewayHost.SiteOrigin, await AllowedOriginAsync(gateway, placeId, GatewayHost.SiteOrigin));
        Assert.Null(await AllowedOriginAsync(gateway, placeId, "http://elsewhere.example"));
        Assert.Equal(GatewayHost.SiteOrigin, await AllowedOriginAsync(gateway, placeId, GatewayHost.SiteOrigin));
    }

    [Fact]
    public async Task A_cached_page_does_not_answer_for_its_id_in_other_letter_case()
    {
        await using var gateway = await StartGatewayAsync("00:01:00");
        var author = await Api.JoinAsync(Elsewhere);
        var placeId = await Api.CreatePlaceAsync(Elsewhere, author.Token);
        await PageAsync(gateway, placeId);

        await (await gateway.Client().GetAsync($"/api/places/{placeId.ToUpperInvariant()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<GatewayHost> StartGatewayAsync(string maxAge) =>
        GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { ["PlacePages:MaxAge"] = maxAge });

    private static async Task<JsonElement> PageAsync(GatewayHost gateway, string placeId) =>
        await (await gateway.Client().GetAsync($"/api/places/{placeId}")).JsonAsync(HttpStatusCode.OK);

    private static async Task<string?> AllowedOriginAsync(GatewayHost gateway, string placeId, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/places/{placeId}") { Headers = { { "Origin", origin } } };
        using var response = await gateway.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    private static int BeenHere(JsonElement page) => page.GetProperty("stats").GetProperty("beenHere").GetInt32();

    private static int Lists(JsonElement page) => page.GetProperty("stats").GetProperty("lists").GetInt32();
}
