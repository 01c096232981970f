using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// GET /api/places/{id} from the gateway's kept copies (<see cref="PlacePageCache"/>): a read never shows less than
/// the reader's own changes through this gateway, and a change made anywhere else drops the copy when the place tells.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacePageApiTests(ClusterFixture fixture)
{
    /// <summary>Well below the copies' 30 s lifetime, so only a notice can have dropped a copy within it.</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(10);

    private GatewayHost Gateway => fixture.Gateway;

    private PlacePageCache Pages => Gateway.Services.GetRequiredService<PlacePageCache>();

    [Fact]
    public async Task A_read_after_each_change_made_through_this_gateway_shows_it()
    {
        var reader = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
        using var client = Gateway.Client(reader.Token);
        Assert.Equal(0, (await ReadAsync(id)).GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.True(Pages.Holds(id));

        await (await client.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
        // The reader's own list of marks shows the places from the kept pages too.
        var mine = await (await client.GetAsync("/api/me/been-here")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("items")[0].GetProperty("place").GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.True(Pages.Holds(id));
        Assert.Equal(1, (await ReadAsync(id)).GetProperty("stats").GetProperty("beenHere").GetInt32());

        await (await client.PutAsync($"/api/me/want-to-go/{id}", null)).JsonAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/me/been-here/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 1), Marks(await ReadAsync(id)));

        var list = await Api.CreateListAsync(Gateway, reader);
        await (await client.PutAsJsonAsync($"/api/lists/{list}/items/{id}", new { note = "" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await ReadAsync(id)).GetProperty("stats").GetProperty("lists").GetInt32());
        await (await client.DeleteAsync($"/api/lists/{list}/items/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await ReadAsync(id)).GetProperty("stats").GetProperty("lists").GetInt32());

        await (await client.PutAsJsonAsync($"/api/lists/{list}/items/{id}", new { note = "" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await ReadAsync(id)).GetProperty("stats").GetProperty("lists").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/lists/{list}")).StatusCode);
        Assert.Equal(0, (await ReadAsync(id)).GetProperty("stats").GetProperty("lists").GetInt32());

        await (await client.PatchAsJsonAsync($"/api/places/{id}", new { name = "Renamed here" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed here", (await ReadAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Marks_and_edits_made_elsewhere_drop_the_kept_page_when_the_place_tells()
    {
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        var user = await TestData.CreateUserAsync(fixture.Grains);
        Assert.Equal(0, (await ReadAsync(id)).GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.True(Pages.Holds(id));

        // Through the test's own Orleans client: as through another gateway, which this one hears nothing of.
        await fixture.Grains.GetGrain<IUserGrain>(user).SetMarkAsync(id, MarkKind.BeenHere, true);
        await Until.TrueAsync(() => !Pages.Holds(id), NoticeTimeout);
        Assert.Equal(1, (await ReadAsync(id)).GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.True(Pages.Holds(id));

        await fixture.Grains.GetGrain<IPlaceGrain>(id).EditAsync(new PlaceEdit { Name = "Renamed elsewhere" }, new UserRef(user, "Tester"));
        await Until.TrueAsync(() => !Pages.Holds(id), NoticeTimeout);
        Assert.Equal("Renamed elsewhere", (await ReadAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_notice_the_gateway_did_not_take_is_told_again()
    {
        var refused = new RefusedPageNotices(refusals: 2);
        // Every silo's notices in this process: other tests' notices may fail too, so at least the two refused.
        using var notices = new CounterReadings("atlas.places.page_notices", "outcome");
        await using var gateway = await GatewayHost.StartAsync(
            fixture.Cluster, configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(refused));
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        var user = await TestData.CreateUserAsync(fixture.Grains);
        using var http = gateway.Client();
        await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(pages.Holds(id));

        await fixture.Grains.GetGrain<IUserGrain>(user).SetMarkAsync(id, MarkKind.BeenHere, true);
        await Until.TrueAsync(() => !pages.Holds(id), NoticeTimeout);
        Assert.Equal(3, refused.Notices);
        Assert.True(notices.Of("failed") >= 2, $"{notices.Of("failed")} failed notices counted.");
        await Until.TrueAsync(() => notices.Of("taken") >= 1, NoticeTimeout);
        Assert.Equal(1, (await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    [Fact]
    public async Task A_gateway_is_told_once_per_page_it_fetched_not_again_for_the_changes_after()
    {
        var counted = new RefusedPageNotices(refusals: 0);
        await using var gateway = await GatewayHost.StartAsync(
            fixture.Cluster, configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(counted));
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var changing = await TestData.CreatePlaceAsync(fixture.Grains);
        var quiet = await TestData.CreatePlaceAsync(fixture.Grains);
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestData.CreateUserAsync(fixture.Grains)));
        using var http = gateway.Client();
        await (await http.GetAsync($"/api/places/{changing}")).JsonAsync(HttpStatusCode.OK);

        await fixture.Grains.GetGrain<IUserGrain>(users[0]).SetMarkAsync(changing, MarkKind.BeenHere, true);
        await Until.TrueAsync(() => !pages.Holds(changing), NoticeTimeout);
        Assert.Equal(1, counted.Notices);

        // The gateway holds no copy of the place now: these changes have nothing to drop there.
        await fixture.Grains.GetGrain<IUserGrain>(users[1]).SetMarkAsync(changing, MarkKind.BeenHere, true);
        await fixture.Grains.GetGrain<IUserGrain>(users[2]).SetMarkAsync(changing, MarkKind.WantToGo, true);

        // A notice sent after them, for another place: had the changes above been told, they would have arrived by now.
        await (await http.GetAsync($"/api/places/{quiet}")).JsonAsync(HttpStatusCode.OK);
        await fixture.Grains.GetGrain<IUserGrain>(users[0]).SetMarkAsync(quiet, MarkKind.BeenHere, true);
        await Until.TrueAsync(() => !pages.Holds(quiet), NoticeTimeout);
        Assert.Equal(2, counted.Notices);

        // Fetched again, the page is followed again.
        Assert.Equal((2, 1), Marks((await (await http.GetAsync($"/api/places/{changing}")).JsonAsync(HttpStatusCode.OK))));
        await fixture.Grains.GetGrain<IUserGrain>(users[1]).SetMarkAsync(changing, MarkKind.WantToGo, true);
        await Until.TrueAsync(() => !pages.Holds(changing), NoticeTimeout);
        Assert.Equal(3, counted.Notices);
    }

    [Fact]
    public async Task A_place_activation_that_leaves_drops_the_kept_page_so_the_next_one_is_followed()
    {
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        var user = await TestData.CreateUserAsync(fixture.Grains);
        await ReadAsync(id);
        Assert.True(Pages.Holds(id));

        // The next activation won't know this gateway: without the leaving one's notice the copy would miss its changes.
        await fixture.Grains.GetGrain<IPlaceGrain>(id).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Until.TrueAsync(() => !Pages.Holds(id), NoticeTimeout);

        await ReadAsync(id);
        await fixture.Grains.GetGrain<IUserGrain>(user).SetMarkAsync(id, MarkKind.WantToGo, true);
        await Until.TrueAsync(() => !Pages.Holds(id), NoticeTimeout);
        Assert.Equal((0, 1), Marks(await ReadAsync(id)));
    }

    [Fact]
    public async Task Losing_the_connection_to_a_silo_drops_every_kept_page()
    {
        // A gateway of its own, so that the shared one keeps its copies. PlacePageCrashTests kills a silo for real,
        // but a test cluster's silo still deactivates its grains when killed, so their notices come anyway.
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster);
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestData.CreatePlaceAsync(fixture.Grains)));
        using var http = gateway.Client();
        foreach (var id in ids)
        {
            await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
        }

        // What the Orleans client tells each registered handler when it opens, then loses, a connection to a silo.
        var handlers = gateway.Services.GetServices<GatewayCountChangedHandler>().ToList();
        handlers.ForEach(handler => handler(null, new GatewayCountChangedEventArgs(3, 2)));
        Assert.All(ids, id => Assert.True(pages.Holds(id)));
        handlers.ForEach(handler => handler(null, new GatewayCountChangedEventArgs(2, 3)));
        Assert.All(ids, id => Assert.False(pages.Holds(id)));
        Assert.Equal(0, pages.Count);
    }

    [Fact]
    public async Task Unknown_places_are_not_kept()
    {
        var before = Pages.Count;
        using var http = Gateway.Client();
        for (var i = 0; i < 20; i++)
        {
            await (await http.GetAsync($"/api/places/{TestData.PlaceId("nowhere")}")).ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.True(Pages.Count <= before, $"{Pages.Count} pages kept after reading unknown places, {before} before.");
    }

    [Fact]
    public async Task The_copies_stay_within_their_memory_limit_and_pages_read_past_it_are_right()
    {
        const long limit = 4096;
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { ["PlacePages:MaxBytes"] = $"{limit}" });
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => TestData.CreatePlaceAsync(fixture.Grains)));
        using var http = gateway.Client();
        foreach (var id in ids.Concat(ids))
        {
            var page = await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(id, page.GetProperty("id").GetString());
            Assert.True(pages.Bytes <= limit, $"{pages.Bytes} bytes of pages kept, the limit is {limit}.");
        }

        Assert.InRange(pages.Count, 1, ids.Length - 1);
    }

    [Fact]
    public void A_page_is_weighed_by_its_text()
    {
        var page = new PlaceResponse("alzhir", "ALZHIR", "", "", "", new LocationResponse(51.07, 70.98), "", "", "", "Kazakhstan", "Asia",
            ["museum"], "", [], new UserRefResponse("u1", "Reader"), [], DateTime.UnixEpoch, DateTime.UnixEpoch, new PlaceStatsResponse(0, 0, 0));

        Assert.InRange(PlacePageSize.Of(page), 500, 2_000);
        Assert.InRange(PlacePageSize.Of(page with { Description = new string('d', 20_000) }), 40_000, 42_000);
    }

    [Fact]
    public async Task A_gateway_that_keeps_no_copies_answers_from_the_place()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { ["PlacePages:Lifetime"] = "00:00:00" });
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        using var http = gateway.Client();

        Assert.Equal(id, (await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString());
        Assert.False(pages.Holds(id));
        Assert.Equal(0, pages.Count);
    }

    private async Task<JsonElement> ReadAsync(string id)
    {
        using var http = Gateway.Client();
        return await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK);
    }

    private static (int BeenHere, int WantToGo) Marks(JsonElement place) =>
        (place.GetProperty("stats").GetProperty("beenHere").GetInt32(), place.GetProperty("stats").GetProperty("wantToGo").GetInt32());
}
