using System.Net;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Operations;

/// <summary>Readiness follows storage: unhealthy while Azurite is down, healthy again once it is back; liveness never moves.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_turns_unhealthy_while_storage_is_down_and_healthy_when_it_returns()
    {
        using var azurite = await Azurite.StartDedicatedAsync();
        await using var cluster = await AtlasCluster.StartAsync(storage: azurite);
        await using var gateway = await GatewayHost.StartAsync(cluster);
        using var client = gateway.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await azurite.StopAsync();
        await WaitForStatusAsync(client, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await azurite.RestartAsync();
        await WaitForStatusAsync(client, HttpStatusCode.OK);
    }

    private static async Task WaitForStatusAsync(HttpClient client, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        HttpStatusCode? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = (await client.GetAsync("/health/ready", deadline.Token)).StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(250, deadline.Token);
        }

        Assert.Fail($"/health/ready stayed {last}, never {expected}.");
    }
}
