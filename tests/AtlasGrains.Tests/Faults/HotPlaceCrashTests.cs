using System.Collections.Concurrent;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// Hot places (enough readers at once that they open their shards) lose a silo mid-burst. Afterwards every
/// acknowledged mark is stored, and each place's counts, summed over its shards, equal the stored marks.
/// </summary>
public sealed class HotPlaceCrashTests(ITestOutputHelper output)
{
    private const int Users = 160;
    private const int HotPlaces = 2;

    [Fact]
    public async Task Killing_a_silo_while_hot_places_take_marks_keeps_their_sharded_counts_exact()
    {
        await using var cluster = await AtlasCluster.StartForCrashesAsync();
        var grains = cluster.Grains;
        var places = await Task.WhenAll(Enumerable.Range(0, HotPlaces).Select(_ => TestData.CreatePlaceAsync(grains)));
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => TestData.CreateUserAsync(grains)));
        await Task.WhenAll(places.Select(placeId => OpenShardsAsync(grains.GetGrain<IPlaceGrain>(placeId))));
        var acknowledged = new ConcurrentDictionary<(string User, string Place), bool>();
        var halfway = new TaskCompletionSource();
        var done = 0;
        var retry = new ClientRetry(maxAttempts: 8);

        // Every user marks both places at once, then takes the first back: both places see dozens of callers queueing.
        var burst = Task.WhenAll(users.Select(async userId =>
        {
            var user = grains.GetGrain<IUserGrain>(userId);
            foreach (var (placeId, marked) in places.Select(place => (place, true)).Append((places[0], false)))
            {
                if (await retry.TryAsync(() => user.SetMarkAsync(placeId, MarkKind.BeenHere, marked)))
                {
                    acknowledged[(userId, placeId)] = marked;
                }

                if (Interlocked.Increment(ref done) == Users)
                {
                    halfway.TrySetResult();
                }
            }
        }));

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        await burst.WaitAsync(TimeSpan.FromMinutes(3));

        var truth = new StoredTruth(cluster);
        output.WriteLine($"acknowledged {acknowledged.Count}, failed attempts {retry.FailedAttempts}");
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(90));
        Assert.Empty((await new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix).RunAsync()).Drifted);
        var stored = await truth.MarksAsync();
        foreach (var ((userId, placeId), marked) in acknowledged)
        {
            Assert.Equal(marked, stored.Contains((userId, RelationKind.BeenHere, placeId)));
        }

        var partitions = (await cluster.PlaceRelationRowsAsync())
            .Select(row => RelationKeys.ScopeOf(row.RowKey)).OfType<string>().Distinct().ToList();
        foreach (var placeId in places)
        {
            var expected = stored.Count(mark => mark.PlaceId == placeId && mark.Kind == RelationKind.BeenHere);
            Assert.Equal(new PlaceStats(expected, 0, 0), await truth.StoredCountsAsync(placeId));
            Assert.Equal(new PlaceStats(expected, 0, 0), await grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync());
            Assert.True(partitions.Count(partition => RelationShards.OwnerOf(partition) == placeId) > 1, $"{placeId} never opened its shards.");
        }
    }

    /// <summary>
    /// Whether the burst's commits reach the size that opens the shards depends on timing, so a batch of members who
    /// mark and then unmark opens them first: the burst's members all land in shards. They hold nothing, so the audit
    /// has nothing to find about them.
    /// </summary>
    private static async Task OpenShardsAsync(IPlaceGrain place)
    {
        var members = Enumerable.Range(0, 40).Select(_ => TestData.UserId()).ToArray();
        await place.ApplyRelationChangesAsync([.. members.Select(member => new RelationChange(RelationKind.BeenHere, member, true, 1))]);
        await place.ApplyRelationChangesAsync([.. members.Select(member => new RelationChange(RelationKind.BeenHere, member, false, 2))]);
    }
}
