using AtlasGrains.Bench;
using AtlasGrains.Bench.Discovery;
using AtlasGrains.Bench.Marks;
using AtlasGrains.Bench.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

// The benchmarks' driver, run by bench/discovery.sh and bench/marks.sh against the silo and gateway they started
// (see bench/README.md). --Bench:Scenario discovery (the default), marks, or, with Azurite alone and no silo,
// azurite-growth (bench/azurite-growth.sh) or azurite-costs (bench/azurite-costs.sh, given --Bench:AzuritePid);
// allocations attaches to running processes (bench/profile-allocations.sh);
// bare-kestrel is the marks benchmark's baseline K, which it starts as a process of its own (BareKestrelProcess).
// Settings: ConnectionStrings__Tables, Orleans__ClusterId, Orleans__ServiceId, Bench__Gateway, Bench__* (BenchSettings,
// MarksSettings), Auth__SigningKey (marks: the gateway's key, to mint bench users' tokens).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var configuration = builder.Configuration;
if (configuration["Bench:Scenario"] == "bare-kestrel")
{
    await AtlasGrains.Bench.Measuring.BareKestrelProcess.ServeAsync(configuration["Bench:PageFile"] ?? throw new InvalidOperationException("--Bench:PageFile is required."));
    return;
}

if (configuration["Bench:Scenario"] == "allocations")
{
    // Attaches to running processes: --Bench:Pids silo=123,gateway=456 (bench/profile-allocations.sh).
    var processes = (configuration["Bench:Pids"] ?? throw new InvalidOperationException("--Bench:Pids is required.")).Split(',')
        .Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
    var window = TimeSpan.FromSeconds(configuration.GetValue("Bench:Seconds", 10));
    await new AtlasGrains.Bench.Profiling.AllocationReport(processes, window, configuration["Bench:TraceDirectory"] ?? ".", Console.Out)
        .RunAsync(configuration["Bench:Report"] ?? "allocations.md", configuration["Bench:Title"] ?? "What the processes allocate");
    return;
}

var tables = new TableServiceClient(configuration.GetConnectionString("Tables"));
var resultsDirectory = configuration["Bench:ResultsDirectory"] ?? Path.Combine("bench", "results");
if (configuration["Bench:Scenario"] == "azurite-growth")
{
    // Azurite alone: no cluster to join.
    var sizes = (configuration["Bench:GrowthSizes"] ?? "2000,50000,200000").Split(',').Select(int.Parse).ToArray();
    await new AzuriteGrowth(tables, sizes, Console.Out).RunAsync(resultsDirectory);
    return;
}

if (configuration["Bench:Scenario"] == "azurite-costs")
{
    var azuritePid = configuration.GetValue<int?>("Bench:AzuritePid") ?? throw new InvalidOperationException("--Bench:AzuritePid is required.");
    await new AzuriteCosts(tables, azuritePid, Console.Out).RunAsync(resultsDirectory);
    return;
}

builder.UseOrleansClient(client => client
    .Configure<ClusterOptions>(options =>
    {
        options.ClusterId = configuration["Orleans:ClusterId"] ?? "atlas-local";
        options.ServiceId = configuration["Orleans:ServiceId"] ?? "atlasgrains";
    })
    .UseAzureStorageClustering(options => options.TableServiceClient = tables));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var gateway = new Uri(configuration["Bench:Gateway"] ?? "http://127.0.0.1:5080");
switch (configuration["Bench:Scenario"] ?? "discovery")
{
    case "discovery":
        await new DiscoveryBenchmark(grains, gateway, BenchSettings.From(configuration), Console.Out).RunAsync();
        break;
    case "marks":
        await new MarksBenchmark(grains, tables, gateway, new BenchTokens(configuration), MarksSettings.From(configuration), Console.Out).RunAsync();
        break;
    default:
        Console.Error.WriteLine("--Bench:Scenario must be discovery or marks.");
        Environment.ExitCode = 2;
        break;
}

await host.StopAsync();
