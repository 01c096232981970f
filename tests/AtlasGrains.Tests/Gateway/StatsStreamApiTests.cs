using System.Net;
using System.Net.Http.Json;
using AtlasGrains.Gateway.LiveStats;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Gateway;

/// <summary>GET /api/places/{id}/stats/stream over plain HTTP: Server-Sent Events fed by one grain observer per place.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StatsStreamApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    private PlaceStatsHub Hub => Gateway.Services.GetRequiredService<PlaceStatsHub>();

    [Fact]
    public async Task The_stream_sends_the_counts_at_once_then_each_change_made_by_other_readers()
    {
        var reader = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
        using var http = Gateway.Client();
        using var response = await OpenAsync(http, id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("""{"beenHere":0,"wantToGo":0,"lists":0}""", (await events.NextStatsAsync()).GetRawText());

        var other = await Api.JoinAsync(Gateway);
        using var otherClient = Gateway.Client(other.Token);
        await (await otherClient.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await events.NextStatsAsync()).GetProperty("beenHere").GetInt32());

        await (await otherClient.PutAsync($"/api/me/want-to-go/{id}", null)).JsonAsync(HttpStatusCode.OK);
        var afterWant = await events.NextStatsAsync();
        Assert.Equal((1, 1), (afterWant.GetProperty("beenHere").GetInt32(), afterWant.GetProperty("wantToGo").GetInt32()));

        var list = await Api.CreateListAsync(Gateway, other);
        await (await otherClient.PutAsJsonAsync($"/api/lists/{list}/items/{id}", new { note = "" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await events.NextStatsAsync()).GetProperty("lists").GetInt32());
    }

    [Fact]
    public async Task Readers_of_one_place_share_one_subscription_that_ends_when_the_last_one_leaves()
    {
        var reader = await Api.JoinAsync(Gateway);
        var id = await Api.CreatePlaceAsync(Gateway, reader.Token);
        using var http = Gateway.Client();
        var first = await OpenAsync(http, id);
        var second = await OpenAsync(http, id);
        using var firstEvents = new EventStreamReader(await first.Content.ReadAsStreamAsync());
        using var secondEvents = new EventStreamReader(await second.Content.ReadAsStreamAsync());
        await firstEvents.NextStatsAsync();
        await secondEvents.NextStatsAsync();
        Assert.True(Hub.Follows(id));

        using (var client = Gateway.Client(reader.Token))
        {
            await (await client.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(1, (await firstEvents.NextStatsAsync()).GetProperty("beenHere").GetInt32());
        Assert.Equal(1, (await secondEvents.NextStatsAsync()).GetProperty("beenHere").GetInt32());

        first.Dispose();
        using (var client = Gateway.Client(reader.Token))
        {
            await (await client.PutAsync($"/api/me/want-to-go/{id}", null)).JsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(1, (await secondEvents.NextStatsAsync()).GetProperty("wantToGo").GetInt32());
        second.Dispose();
        await Until.TrueAsync(() => !Hub.Follows(id), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_unknown_or_malformed_place_is_a_404_problem()
    {
        using var http = Gateway.Client();
        foreach (var id in new[] { "no-such-place-0000", "UPPER", new string('a', 81) })
        {
            using var response = await OpenAsync(http, id);
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.False(Hub.Follows("no-such-place-0000"));
    }

    [Fact]
    public async Task An_idle_stream_gets_a_heartbeat_comment()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string> { ["LiveStats:HeartbeatPeriod"] = "00:00:00.200" });
        using var http = gateway.Client();
        using var response = await OpenAsync(http, "alzhir");
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("stats", (await events.NextAsync()).Event);
        Assert.Equal("heartbeat", (await events.NextAsync()).Comment);
        Assert.Equal("heartbeat", (await events.NextAsync()).Comment);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient http, string placeId) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/places/{placeId}/stats/stream"), HttpCompletionOption.ResponseHeadersRead);
}

