using AtlasGrains.Bench;
using AtlasGrains.Bench.Discovery;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

// The benchmarks' driver, run by bench/discovery.sh against the silo and gateway it started (see bench/README.md).
// Settings: ConnectionStrings__Tables, Orleans__ClusterId, Orleans__ServiceId, Bench__Gateway, Bench__* (BenchSettings).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var configuration = builder.Configuration;
builder.UseOrleansClient(client => client
    .Configure<ClusterOptions>(options =>
    {
        options.ClusterId = configuration["Orleans:ClusterId"] ?? "atlas-local";
        options.ServiceId = configuration["Orleans:ServiceId"] ?? "atlasgrains";
    })
    .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(configuration.GetConnectionString("Tables"))));
using var host = builder.Build();
await host.StartAsync();
var gateway = new Uri(configuration["Bench:Gateway"] ?? "http://127.0.0.1:5080");
await new DiscoveryBenchmark(host.Services.GetRequiredService<IGrainFactory>(), gateway, BenchSettings.From(configuration), Console.Out).RunAsync();
await host.StopAsync();
