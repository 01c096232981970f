using System.Collections.Concurrent;
using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// 50 users add and remove the same 20 places in their lists, and some delete their lists, while a silo is
/// killed. Clients retry failures with the same request. Afterwards every list holds exactly what its
/// acknowledged changes say, and every place's list count equals the number of lists that hold it.
/// </summary>
public sealed class ListCrashTests(ITestOutputHelper output)
{
    private const int Users = 50;
    private const int Places = 20;

    [Fact]
    public async Task Killing_a_silo_while_lists_change_leaves_every_place_counting_exactly_the_lists_that_hold_it()
    {
        await using var cluster = await AtlasCluster.StartForCrashesAsync();
        var grains = cluster.Grains;
        var places = await Task.WhenAll(Enumerable.Range(0, Places).Select(_ => TestData.CreatePlaceAsync(grains)));
        var owners = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => TestData.CreateUserAsync(grains)));
        var lists = await Task.WhenAll(owners.Select(async owner =>
            (Owner: owner, List: (await grains.GetGrain<IUserGrain>(owner).CreateListAsync("Crash course", "", true))!.ListId)));
        var expected = new ConcurrentDictionary<string, HashSet<string>>();
        var deletedLists = new ConcurrentBag<string>();
        var retry = new ClientRetry();
        var halfway = new TaskCompletionSource();
        var steps = 0;

        var burst = Task.WhenAll(lists.Select(async (entry, index) =>
        {
            var random = new Random(index);
            var list = grains.GetGrain<IListGrain>(entry.List);
            var held = new HashSet<string>();
            foreach (var placeId in places.OrderBy(_ => random.Next()))
            {
                Assert.Equal(ListChangeStatus.Done, (await retry.RunAsync(_ => list.PutItemAsync(entry.Owner, placeId, $"note {index}"))).Status);
                held.Add(placeId);
                if (random.Next(3) == 0)
                {
                    var removed = held.ElementAt(random.Next(held.Count));
                    Assert.Equal(ListChangeStatus.Done, (await retry.RunAsync(_ => list.RemoveItemAsync(entry.Owner, removed))).Status);
                    held.Remove(removed);
                }

                if (Interlocked.Increment(ref steps) == Users * Places / 2)
                {
                    halfway.TrySetResult();
                }
            }

            if (index % 5 == 0)
            {
                var owner = grains.GetGrain<IUserGrain>(entry.Owner);
                Assert.True(await retry.RunAsync(async attempt => await owner.DeleteListAsync(entry.List) || attempt > 1));
                deletedLists.Add(entry.List);
                held.Clear();
            }

            expected[entry.List] = held;
        }));

        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        await burst.WaitAsync(TimeSpan.FromMinutes(3));

        var truth = new StoredTruth(cluster);
        output.WriteLine($"failed attempts {retry.FailedAttempts}, outbox rows after the burst {await truth.OutboxRowsAsync()}, deleted lists {deletedLists.Count}");
        await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(90));
        Assert.Empty((await new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix).RunAsync()).Drifted);
        var stored = await truth.ListItemsAsync();

        foreach (var (listId, held) in expected)
        {
            Assert.Equal(held.Order(), stored.Where(item => item.ListId == listId).Select(item => item.PlaceId).Order());
        }

        foreach (var placeId in places)
        {
            var holding = stored.Count(item => item.PlaceId == placeId);
            Assert.Equal(holding, (await truth.StoredCountsAsync(placeId)).Lists);
            Assert.Equal(holding, (await grains.GetGrain<IPlaceGrain>(placeId).GetStatsAsync())!.Lists);
        }
    }
}
