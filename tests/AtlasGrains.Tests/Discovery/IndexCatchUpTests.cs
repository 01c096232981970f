using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Discovery.Index;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AtlasGrains.Tests.Discovery;

/// <summary>Every silo's discovery index shows every place, and a silo that (re)starts rebuilds it from the catalog table.</summary>
public sealed class IndexCatchUpTests
{
    private static readonly TimeSpan PatienceLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_silo_rebuilds_its_index_from_the_table_with_places_and_counts()
    {
        // Counts stored every second, so that the table has them soon: the test waits for them.
        await using var cluster = await AtlasCluster.StartAsync(settings: FlushEvery("00:00:01"));
        var (word, places) = await PlacesOneMarkedAsync(cluster, "catch-up", count: 30, marked: 7);

        // The counts reach the catalog table (the shard stores them every flush period); then a silo dies and a new one starts.
        var row = CatalogRow(cluster, places[7]);
        await UntilAsync(async () => (await row()).GetInt32("BeenHere") == 1);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        var fresh = await cluster.Cluster.StartAdditionalSiloAsync();

        var index = IndexOf(fresh);
        await index.Loaded.WaitAsync(PatienceLimit);
        Assert.True(HasAll(index, word, places, popular: places[7]));
    }

    [Fact]
    public async Task A_new_silo_takes_the_counts_the_table_lacks_from_the_shards_feed()
    {
        // No flush within the test: the counts exist only in the shards' feeds and the silos' indexes.
        await using var cluster = await AtlasCluster.StartAsync(settings: FlushEvery("00:10:00"));
        var (word, places) = await PlacesOneMarkedAsync(cluster, "replay", count: 5, marked: 3);

        var fresh = await cluster.Cluster.StartAdditionalSiloAsync();

        var index = IndexOf(fresh);
        await index.Loaded.WaitAsync(PatienceLimit);
        Assert.Equal(0, (await CatalogRow(cluster, places[3])()).GetInt32("BeenHere") ?? 0);
        Assert.True(HasAll(index, word, places, popular: places[3]));
    }

    [Fact]
    public async Task A_shard_whose_feed_fills_with_changes_the_table_lacks_stores_them_before_its_period()
    {
        // No flush by the period within the test: only a feed filling up makes the shard store.
        await using var cluster = await AtlasCluster.StartAsync(settings: FlushEvery("00:10:00"));
        var (_, places) = await PlacesOneMarkedAsync(cluster, "early", count: 1, marked: 0);
        var shard = cluster.Grains.GetGrain<ICatalogShardGrain>(CatalogShards.Of(places[0]));

        // Half the feed (25,000 changes) of one place's counts, the last one 7 been-here.
        foreach (var batch in Enumerable.Range(1, 25_000).Chunk(5_000))
        {
            await shard.ReportStatsAsync([.. batch.Select(change => new PlaceStatsUpdate(places[0], new PlaceStats(change == 25_000 ? 7 : 1, 0, 0)))]);
        }

        var row = CatalogRow(cluster, places[0]);
        await UntilAsync(async () => (await row()).GetInt32("BeenHere") == 7);
    }

    /// <summary>New places named with a word of their own, one of them marked, once every silo's index shows them all and the mark.</summary>
    private static async Task<(string Word, string[] Places)> PlacesOneMarkedAsync(AtlasCluster cluster, string prefix, int count, int marked)
    {
        var word = DiscoveryApi.UniqueWord();
        var places = Enumerable.Range(0, count).Select(i => $"{prefix}-{word}-{i}").ToArray();
        await Task.WhenAll(places.Select(id => cluster.Grains.GetGrain<IPlaceGrain>(id).CreateAsync(
            new PlaceDetails { Name = $"Place {word} {id}", Location = new GeoLocation(10, 10), Country = "Testland" }, new UserRef("tester", "Tester"))));
        await cluster.Grains.GetGrain<IUserGrain>($"reader-{word}").SetMarkAsync(places[marked], MarkKind.BeenHere, true);
        foreach (var silo in cluster.Cluster.GetActiveSilos())
        {
            await UntilAsync(() => HasAll(IndexOf(silo), word, places, popular: places[marked]));
        }

        return (word, places);
    }

    private static Dictionary<string, string?> FlushEvery(string period) => new() { ["Discovery:StatsFlushPeriod"] = period };

    private static PlaceIndex IndexOf(SiloHandle silo) => ((InProcessSiloHandle)silo).ServiceProvider.GetRequiredService<PlaceIndex>();

    private static bool HasAll(PlaceIndex index, string word, string[] places, string popular)
    {
        var found = index.Search(word, 100);
        return found.Length == places.Length && found.Single(place => place.Id == popular).Popularity == 1;
    }

    private static Func<Task<TableEntity>> CatalogRow(AtlasCluster cluster, string placeId) => async () =>
        (await cluster.Table("places").GetEntityAsync<TableEntity>(CatalogShards.PartitionKey(CatalogShards.Of(placeId)), placeId)).Value;

    private static Task UntilAsync(Func<bool> done) => UntilAsync(() => Task.FromResult(done()));

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        using var patience = new CancellationTokenSource(PatienceLimit);
        while (!await done())
        {
            Assert.False(patience.IsCancellationRequested, "The index never caught up.");
            await Task.Delay(50);
        }
    }
}
