using Microsoft.Extensions.Configuration;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// A Microsoft.Orleans.TestingHost cluster over TCP, with Azure Table membership, grain storage and
/// reminders in the shared Azurite. Each instance gets its own table prefix, so clusters never see each
/// other's data; a restarted cluster reuses the identity of the one it replaces.
/// </summary>
public sealed class AtlasCluster : IAsyncDisposable
{
    private AtlasCluster(TestCluster cluster, string connectionString, ClusterIdentity identity)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
        Identity = identity;
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public string ConnectionString { get; }

    public ClusterIdentity Identity { get; }

    public TableServiceClient Tables => new(ConnectionString);

    public TableClient Table(string baseName) => Tables.GetTableClient(Identity.TablePrefix + baseName);

    /// <summary>The table of the user's bucket (users' buckets each have a table of their own, see AtlasTables).</summary>
    public TableClient UserMarksOf(string userId) => Table(AtlasTables.BucketTable(AtlasTables.UserMarksTable, UserRows.BucketOf(userId)));

    /// <summary>The table of the place's bucket, which holds all of the place's shards.</summary>
    public TableClient PlaceRelationsOf(string placeId) =>
        Table(AtlasTables.BucketTable(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.BucketOf(placeId)));

    /// <summary>Every row of every place-relations bucket table (those never created hold none).</summary>
    public Task<List<TableEntity>> PlaceRelationRowsAsync() =>
        new AuditTables(Tables, Identity.TablePrefix)
            .BucketRowsAsync(AtlasTables.PlaceRelationsTable, PlaceRelationBuckets.Buckets).ToListAsync().AsTask();

    public static async Task<AtlasCluster> StartAsync(
        short silos = 2, ClusterIdentity? identity = null, Azurite? storage = null, IDictionary<string, string?>? settings = null)
    {
        var azurite = storage ?? await Azurite.SharedAsync();
        identity ??= ClusterIdentity.New();
        var builder = new TestClusterBuilder(silos);
        builder.Options.ClusterId = identity.ClusterId;
        builder.Options.ServiceId = identity.ServiceId;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tables"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = identity.TablePrefix,
            ["MarkDelivery:RetryPeriod"] = "00:00:02",

            // Below the retry period, as in production: places store their counts rows themselves; the sweeper replays what a crash left.
            ["PlaceJournal:StoreDelay"] = "00:00:01",
            ["Orleans:MinimumReminderPeriod"] = "00:00:01",

            // The catalog's counts reach its table within seconds, for the tests that wait for them there (2 minutes in production).
            ["Discovery:StatsFlushPeriod"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // A test's own settings win over these defaults.
            configuration[key] = value;
        }

        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(configuration));
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new AtlasCluster(cluster, azurite.ConnectionString, identity);
    }

    /// <summary>Three silos for the crash tests: calls caught on a killed silo give up after 10 s and are retried.</summary>
    public static Task<AtlasCluster> StartForCrashesAsync() =>
        StartAsync(silos: 3, settings: new Dictionary<string, string?> { ["Testing:ResponseTimeout"] = "00:00:10" });

    /// <summary>The grains' time now (on the first silo; the silos' fake clocks move together).</summary>
    public DateTimeOffset ClockNow =>
        ((InProcessSiloHandle)Cluster.GetActiveSilos().First()).ServiceProvider.GetRequiredService<AtlasClock>().Now;

    /// <summary>Each active silo's own instance of a singleton service.</summary>
    public IEnumerable<T> SiloServices<T>() where T : notnull =>
        Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().Select(silo => silo.ServiceProvider.GetRequiredService<T>());

    /// <summary>Moves the grains' clock on every silo (clusters started with "Testing:FakeClock").</summary>
    public void AdvanceClock(TimeSpan by)
    {
        foreach (var silo in Cluster.GetActiveSilos().Cast<InProcessSiloHandle>())
        {
            ((FakeTimeProvider)silo.ServiceProvider.GetRequiredService<AtlasClock>().Time).Advance(by);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>What makes a cluster's data its own: Orleans ids and the prefix of its tables.</summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId, string TablePrefix)
{
    public static ClusterIdentity New()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new ClusterIdentity($"test-{id}", $"svc-{id}", $"t{id}");
    }
}
