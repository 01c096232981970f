using System.Net;
using System.Net.Sockets;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Hosting.Configuration;
using AtlasGrains.Silo.Seeding;
using Azure.Data.Tables;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace AtlasGrains.Silo.Hosting;

public static class AtlasSiloBuilderExtensions
{
    /// <summary>The stock provider, which grains reach only through <see cref="RowPerGrainStorage"/>.</summary>
    private const string TableGrainStorage = "grain-state-table";

    private const int DefaultDirectoryCacheSize = 50_000;

    /// <summary>
    /// Cluster identity, endpoints and Azure Table membership, from the "Orleans" section and
    /// "ConnectionStrings:Tables". Ports come from configuration so several silos share one machine.
    /// </summary>
    public static ISiloBuilder UseAtlasCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = StartupOptions.BindAndValidate<SiloHostOptions>(configuration, "Orleans");
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(AdvertisedAddress(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort, options.ListenOnAnyHostAddress);
        // Failure detection and call timeouts, tunable per deployment (the chaos test shortens them).
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection("Orleans:Membership"));
        silo.Services.AddOptions<SiloMessagingOptions>().Bind(configuration.GetSection("Orleans:Messaging"));
        return silo.UseAtlasMembershipTable(configuration);
    }

    /// <summary>Azure Table membership only, for hosts (like the test cluster) that set identity and endpoints themselves.</summary>
    public static ISiloBuilder UseAtlasMembershipTable(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = TableStorageSettings.RequireConnectionString(configuration);
        return silo.UseAzureStorageClustering(options => options.TableServiceClient = TableServiceClients.Create(connectionString));
    }

    /// <summary>Grain storage, reminders, our own tables, activity propagation, the dashboard and the seed data.</summary>
    public static ISiloBuilder AddAtlasGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = TableStorageSettings.RequireConnectionString(configuration);
        var tablePrefix = configuration["Storage:TablePrefix"] ?? "";
        silo.AddAzureTableGrainStorage(TableGrainStorage, options =>
        {
            options.TableServiceClient = TableServiceClients.Create(connectionString);
            options.TableName = tablePrefix + AtlasTables.GrainStateTable;
        });
        silo.Services.AddGrainStorage(StorageNames.GrainState, (services, _) =>
            new RowPerGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(TableGrainStorage)));
        silo.UseAzureTableReminderService(options =>
        {
            options.TableServiceClient = TableServiceClients.Create(connectionString);
            options.TableName = tablePrefix + "reminders";
        });
        silo.Configure<ReminderOptions>(options =>
        {
            options.MinimumReminderPeriod = configuration.GetValue("Orleans:MinimumReminderPeriod", TimeSpan.FromMinutes(1));
            // Delivery reminders are how stored changes reach their places after a crash. A silo that takes over a
            // range reads it from the table once; a reminder written just then (by a silo being killed) is only
            // seen at the next refresh, so refresh every minute rather than Orleans' default five.
            options.RefreshReminderListPeriod = configuration.GetValue("Orleans:ReminderRefreshPeriod", TimeSpan.FromMinutes(1));
        });
        // Orleans caches the directory address of every grain a silo has seen, up to a million by default: about 300
        // bytes each, 60 MB at 200k active grains, mostly for grains that are local anyway. The calls that need a
        // remote address keep their working set in a smaller LRU; a miss costs one directory lookup.
        silo.Configure<GrainDirectoryOptions>(options =>
            options.CacheSize = configuration.GetValue("Orleans:DirectoryCacheSize", DefaultDirectoryCacheSize));
        silo.AddActivityPropagation();
        silo.AddDashboard();
        silo.Services.AddAtlasGrainServices(configuration);
        silo.AddStartupTask<PlaceSeeder>();
        return silo;
    }

    private static IPAddress AdvertisedAddress(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(value).First(candidate => candidate.AddressFamily == AddressFamily.InterNetwork);
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new StartupConfigurationException($"Orleans:AdvertisedIPAddress '{value}' is neither an IP address nor a host name with an IPv4 address.");
        }
    }
}
