using System.Diagnostics.Metrics;
using System.Net;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Gateway;

/// <summary>
/// One fetch per place at a time (<see cref="AtlasGrains.Gateway.Places.PlacePageCache"/>): readers of a place with no
/// current copy wait for the fetch in flight, unless a change came in between, which the fetch may not show.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacePageFetchTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Readers_of_a_place_with_no_copy_share_one_fetch()
    {
        var held = new HeldPageFetches();
        await using var gateway = await StartGatewayAsync(held);
        using var reads = new CounterReadings("atlas.place_pages.reads", "answer", gateway.Services.GetRequiredService<IMeterFactory>());
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        using var http = gateway.Client();

        const int readers = 8;
        var answers = Enumerable.Range(0, readers).Select(_ => http.GetAsync($"/api/places/{id}")).ToList();
        try
        {
            await Until.TrueAsync(() => reads.Of("joined") == readers - 1, Patience);
        }
        finally
        {
            held.Release();
        }

        foreach (var answer in answers)
        {
            Assert.Equal(id, (await (await answer).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetString());
        }

        Assert.Equal(1, held.Fetches);
        Assert.Equal(1, reads.Of("fetched"));
    }

    [Fact]
    public async Task A_read_after_a_change_does_not_wait_for_a_fetch_from_before_it()
    {
        var held = new HeldPageFetches();
        await using var gateway = await StartGatewayAsync(held);
        var reader = await Api.JoinAsync(gateway);
        var id = await TestData.CreatePlaceAsync(fixture.Grains);
        using var http = gateway.Client(reader.Token);

        // The place answers this read before the mark; its answer is held until after the mark.
        var before = http.GetAsync($"/api/places/{id}");
        Task<HttpResponseMessage> after;
        try
        {
            await Until.TrueAsync(() => held.Fetches == 1, Patience);
            await (await http.PutAsync($"/api/me/been-here/{id}", null)).JsonAsync(HttpStatusCode.OK);
            after = http.GetAsync($"/api/places/{id}");
            await Until.TrueAsync(() => held.Fetches == 2, Patience);
        }
        finally
        {
            held.Release();
        }

        Assert.Equal(0, (await (await before).JsonAsync(HttpStatusCode.OK)).GetProperty("stats").GetProperty("beenHere").GetInt32());
        Assert.Equal(1, (await (await after).JsonAsync(HttpStatusCode.OK)).GetProperty("stats").GetProperty("beenHere").GetInt32());
    }

    private Task<GatewayHost> StartGatewayAsync(HeldPageFetches held) =>
        GatewayHost.StartAsync(fixture.Cluster, configure: builder => builder.Services.AddSingleton<IOutgoingGrainCallFilter>(held));
}
