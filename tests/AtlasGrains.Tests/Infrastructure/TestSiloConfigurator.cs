using AtlasGrains.Grains.Storage;
using AtlasGrains.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Test silos are wired exactly like real ones (storage, reminders, Azure Table membership), with faster failure detection.</summary>
public sealed partial class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseAtlasMembershipTable(siloBuilder.Configuration).AddAtlasGrains(siloBuilder.Configuration);
        if (siloBuilder.Configuration.GetValue<bool>("Testing:FakeClock"))
        {
            // Moves only when a test says so (plus a millisecond per reading, so times stay distinct and ordered).
            siloBuilder.Services.AddSingleton(new AtlasClock(new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) }));
        }

        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            // Declare a killed silo dead in a few seconds rather than the production half minute.
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        });
        siloBuilder.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout(siloBuilder.Configuration));
    }
}

public sealed partial class TestSiloConfigurator
{
    /// <summary>
    /// Long enough for a loaded 2-core CI machine (30 s); crash tests shorten it ("Testing:ResponseTimeout") so calls
    /// caught on a killed silo give up, and are retried, sooner.
    /// </summary>
    internal static TimeSpan ResponseTimeout(IConfiguration configuration) =>
        configuration.GetValue("Testing:ResponseTimeout", TimeSpan.FromSeconds(30));
}

public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.UseAzureStorageClustering(options =>
            options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(configuration.GetConnectionString("Tables")));
        clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TestSiloConfigurator.ResponseTimeout(configuration));
    }
}
