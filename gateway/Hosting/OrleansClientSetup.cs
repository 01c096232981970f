using AtlasGrains.Hosting.Configuration;
using Azure.Data.Tables;
using Orleans.Configuration;

namespace AtlasGrains.Gateway.Hosting;

public static class OrleansClientSetup
{
    /// <summary>The gateway is an Orleans client that finds silos through the Azure Table membership table.</summary>
    public static IHostApplicationBuilder AddAtlasOrleansClient(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = TableStorageSettings.RequireConnectionString(configuration);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = configuration["Orleans:ClusterId"] ?? "atlas-local";
                options.ServiceId = configuration["Orleans:ServiceId"] ?? "atlasgrains";
            })
            .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString))
            .AddActivityPropagation()
            .Configure<ClientMessagingOptions>(configuration.GetSection("Orleans:Messaging"))
            .UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                // Silos may still be starting: keep trying until the host's start-up is cancelled.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            }));
        InterfaceCachingGrainFactory.Register(builder.Services);
        return builder;
    }
}
