using System.Net;
using System.Net.Http.Headers;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// Two gateways as real processes; a silo is SIGKILLed while the first keeps copies of place pages, some of places
/// on that silo. Their next activations don't know the first gateway and can't tell it of changes, so it must drop its
/// copies on losing the connection: marks made through the second gateway after the kill then reach the first
/// gateway's pages, as they do for places whose activations lived on.
/// </summary>
public sealed class PlacePageKillTests
{
    private const int Places = 24;

    /// <summary>Well below the copies' lifetime in <see cref="ChaosSystem"/> (a minute): a copy only a notice or the lost connection can drop.</summary>
    private static readonly TimeSpan ShowsWithin = TimeSpan.FromSeconds(20);

    [ChaosFact]
    public async Task After_a_silo_is_SIGKILLed_a_gateway_shows_marks_made_through_another()
    {
        await using var system = await ChaosSystem.StartAsync(gateways: 2);
        var load = new ChaosLoad(system.GatewayAddresses[0]);
        await load.PrepareAsync(readers: 1, places: Places);
        using var reading = new HttpClient { BaseAddress = system.GatewayAddresses[0], Timeout = TimeSpan.FromSeconds(15) };
        foreach (var place in load.Places)
        {
            Assert.Equal(0, await BeenHereAsync(reading, place));
        }

        // Spread over three silos, a place on the killed one has (2/3)^24 odds of not being among them.
        await system.KillAndRestartSiloAsync(1, TimeSpan.FromSeconds(2));
        using var marking = new HttpClient { BaseAddress = system.GatewayAddresses[1], Timeout = TimeSpan.FromSeconds(15) };
        marking.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", load.Readers[0].Token);
        foreach (var place in load.Places)
        {
            Assert.True(await load.SendWithRetriesAsync(marking, HttpMethod.Put, $"/api/me/been-here/{place}"));
        }

        foreach (var place in load.Places)
        {
            // Another gateway's change shows once the place's notice arrives: not necessarily before the mark's answer.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await BeenHereAsync(reading, place) is not 1)
            {
                Assert.True(waited.Elapsed < ShowsWithin, $"The first gateway still showed {place} unmarked {ShowsWithin} after it was marked.");
                await Task.Delay(100);
            }
        }

        Assert.Empty(load.Unexpected);
    }

    /// <summary>The place's been-here count on its page, or null for a 503 (a call caught on the killed silo).</summary>
    private static async Task<int?> BeenHereAsync(HttpClient http, string place)
    {
        using var response = await http.GetAsync($"/api/places/{place}");
        return response.StatusCode == HttpStatusCode.ServiceUnavailable
            ? null
            : (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("stats").GetProperty("beenHere").GetInt32();
    }
}
