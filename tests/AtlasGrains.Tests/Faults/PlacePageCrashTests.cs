using System.Net;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Places;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// A silo dies while the gateway keeps pages of places it hosted. Their next activations elsewhere don't know the
/// gateway, so they can't tell it about their changes: a mark acknowledged after the kill must still show in the
/// gateway's next read of each place. (A test cluster's killed silo deactivates its grains, whose notices drop the
/// copies; after a real SIGKILL the gateway drops them on losing the connection, which
/// <c>PlacePageApiTests.Losing_the_connection_to_a_silo_drops_every_kept_page</c> covers.)
/// </summary>
public sealed class PlacePageCrashTests
{
    private const int Places = 24;

    [Fact]
    public async Task After_a_silo_dies_the_gateway_shows_what_its_places_next_activations_count()
    {
        await using var cluster = await AtlasCluster.StartForCrashesAsync();
        // The longest lifetime, so that no copy runs out on its own while the cluster notices the death.
        await using var gateway = await GatewayHost.StartAsync(cluster, new Dictionary<string, string> { ["PlacePages:Lifetime"] = "00:01:00" });
        var pages = gateway.Services.GetRequiredService<PlacePageCache>();
        var grains = cluster.Grains;
        var places = await Task.WhenAll(Enumerable.Range(0, Places).Select(_ => TestData.CreatePlaceAsync(grains)));
        var user = await TestData.CreateUserAsync(grains);
        using var http = gateway.Client();
        foreach (var id in places)
        {
            Assert.Equal(0, await BeenHereAsync(http, id));
        }

        Assert.All(places, id => Assert.True(pages.Holds(id)));

        // Spread over three silos, a place on the killed one has (2/3)^24 odds of not being among them.
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        var retry = new ClientRetry(maxAttempts: 8);
        foreach (var id in places)
        {
            Assert.True(await retry.TryAsync(() => grains.GetGrain<IUserGrain>(user).SetMarkAsync(id, MarkKind.BeenHere, true)));
        }

        foreach (var id in places)
        {
            Assert.Equal(1, await BeenHereAsync(http, id));
        }
    }

    private static async Task<int> BeenHereAsync(HttpClient http, string id) =>
        (await (await http.GetAsync($"/api/places/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("stats").GetProperty("beenHere").GetInt32();
}
