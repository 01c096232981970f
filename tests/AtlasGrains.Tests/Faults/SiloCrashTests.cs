using System.Collections.Concurrent;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// A silo is killed in the middle of a burst of marks. Clients retry failures with the same request, as
/// real clients do. Afterwards no acknowledged mark is lost, and once the outbox drains every place
/// counts exactly the marks that are stored (an unacknowledged one may land or not, but is counted iff stored).
/// </summary>
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Users = 40;
    private const int Places = 10;

    [Fact]
    public async Task Killing_a_silo_mid_burst_loses_no_acknowledged_mark_and_counts_stay_exact()
    {
        await using var cluster = await AtlasCluster.StartForCrashesAsync();
        var grains = cluster.Grains;
        var places = await Task.WhenAll(Enumerable.Range(0, Places).Select(_ => TestData.CreatePlaceAsync(grains)));
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => TestData.CreateUserAsync(grains)));
        var acknowledged = new ConcurrentDictionary<(string User, string Place), bool>();
        var unsure = new ConcurrentDictionary<(string User, string Place), bool>();
        var halfway = new TaskCompletionSource();
        var done = 0;
        var retry = new ClientRetry(maxAttempts: 8);

        var burst = Task.WhenAll(users.Select(async userId =>
        {
            var user = grains.GetGrain<IUserGrain>(userId);
            foreach (var (placeId, step) in places.Concat(places.Take(Places / 2)).Select((placeId, step) => (placeId, step)))
            {
                // First pass marks every place; the second pass takes back the first half.
                var marked = step < Places;
                var key = (userId, placeId);
                if (await retry.TryAsync(() => user.SetMarkAsync(placeId, MarkKind.BeenHere, marked)))
                {
                    acknowledged[key] = marked;
                    unsure.TryRemove(key, out _);
                }
                else
                {
                    unsure[key] = marked;
                }

                if (Interlocked.Increment(ref done) == Users * Places / 2)
                {
                    halfway.TrySetResult();
                }
            }
        }));

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var victim = cluster.Cluster.SecondarySilos[0];
        await cluster.Cluster.KillSiloAsync(victim);
        await burst.WaitAsync(TimeSpan.FromMinutes(3));

        var truth = new StoredTruth(cluster);
        output.WriteLine($"acknowledged {acknowledged.Count}, unsure {unsure.Count}, failed attempts {retry.FailedAttempts}, outbox rows after the burst {await truth.OutboxRowsAsync()}");
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(90));
        Assert.Empty((await new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix).RunAsync()).Drifted);
        var stored = await truth.MarksAsync();

        foreach (var ((userId, placeId), marked) in acknowledged)
        {
            Assert.Equal(marked, stored.Contains((userId, RelationKind.BeenHere, placeId)));
        }

        foreach (var placeId in places)
        {
            var expected = stored.Count(mark => mark.PlaceId == placeId && mark.Kind == RelationKind.BeenHere);
            Assert.Equal(new PlaceStats(expected, 0, 0), await truth.StoredCountsAsync(placeId));
            Assert.Equal(new PlaceStats(expected, 0, 0), await grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
        }

        Assert.True(acknowledged.Count >= Users * Places * 9 / 10, $"Only {acknowledged.Count} changes were acknowledged.");
    }
}
