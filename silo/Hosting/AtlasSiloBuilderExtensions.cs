using Azure.Data.Tables;
using System.Net;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Silo.Seeding;
using Orleans.Configuration;

namespace AtlasGrains.Silo.Hosting;

public static class AtlasSiloBuilderExtensions
{
    /// <summary>
    /// Cluster identity, endpoints and Azure Table membership, from the "Orleans" section and
    /// "ConnectionStrings:Tables". Ports come from configuration so several silos share one machine.
    /// </summary>
    public static ISiloBuilder UseAtlasCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = orleans["ClusterId"] ?? "atlas-local";
            options.ServiceId = orleans["ServiceId"] ?? "atlasgrains";
        });
        silo.ConfigureEndpoints(
            IPAddress.Parse(orleans["AdvertisedIPAddress"] ?? "127.0.0.1"),
            orleans.GetValue("SiloPort", 11111),
            orleans.GetValue("GatewayPort", 30000),
            listenOnAnyHostAddress: orleans.GetValue("ListenOnAnyHostAddress", false));
        return silo.UseAtlasMembershipTable(configuration);
    }

    /// <summary>Azure Table membership only, for hosts (like the test cluster) that set identity and endpoints themselves.</summary>
    public static ISiloBuilder UseAtlasMembershipTable(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(RequiredConnectionString(configuration)));

    /// <summary>Grain storage, reminders, our own tables and the seed data: everything the grains need.</summary>
    public static ISiloBuilder AddAtlasGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = RequiredConnectionString(configuration);
        var tablePrefix = configuration["Storage:TablePrefix"] ?? "";
        silo.AddAzureTableGrainStorage(StorageNames.GrainState, options =>
        {
            options.TableServiceClient = new TableServiceClient(connectionString);
            options.TableName = tablePrefix + "grainstate";
        });
        silo.UseAzureTableReminderService(options =>
        {
            options.TableServiceClient = new TableServiceClient(connectionString);
            options.TableName = tablePrefix + "reminders";
        });
        silo.Configure<ReminderOptions>(options =>
            options.MinimumReminderPeriod = configuration.GetValue("Orleans:MinimumReminderPeriod", TimeSpan.FromMinutes(1)));
        silo.Services.AddAtlasGrainServices(configuration);
        silo.AddStartupTask<PlaceSeeder>();
        return silo;
    }

    private static string RequiredConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Tables") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                "ConnectionStrings:Tables is not set: give the Azure Table connection string (for Azurite: TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1 with the well-known dev account).");
}
