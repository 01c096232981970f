using AtlasGrains.Grains.Audit;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// A silo asked to stop (SIGTERM) under load hands its work over: it exits cleanly, callers are served by the other
/// silos (no 500, nothing acknowledged lost, no drift), and it leaves the membership table marked Dead.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_stopped_under_load_drains_and_leaves_the_membership_table_clean()
    {
        await using var system = await ChaosSystem.StartAsync();
        var load = new ChaosLoad(system.GatewayAddress);
        await load.PrepareAsync(readers: 12, places: 8);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = load.RunAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(5));
        var (exitCode, siloPort) = await system.StopSiloGracefullyAsync(0);
        await running;

        var truth = new StoredTruth(new TableServiceClient(system.ConnectionString), system.TablePrefix);
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(120));
        var audit = await new RelationAudit(new TableServiceClient(system.ConnectionString), system.TablePrefix).RunAsync();
        var membership = await system.MembershipAsync();
        output.WriteLine($"{load.Operations} operations; answers {string.Join(", ", load.Answers.Select(answer => $"{answer.Key}: {answer.Value}"))}; " +
            $"membership {string.Join(", ", membership.Select(row => $"{row.Port} {row.Status}"))}");

        Assert.Equal(0, exitCode);
        Assert.Equal("Dead", Assert.Single(membership, row => row.Port == siloPort).Status);
        Assert.Empty(load.Unexpected);
        Assert.Empty(audit.Drifted);
        Assert.Empty(audit.DriftedNewsletters);
        Assert.All(load.Expected, entry => Assert.NotNull(entry.Value));
    }
}
