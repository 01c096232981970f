using AtlasGrains.Audit;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Hosting.Configuration;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

// Audit of exact counts: recounts every place and newsletter from the tables and compares. Exit code 0: no drift; 1: drift
// (after --repair: drift left); 2: bad configuration. Settings as for the silo (ConnectionStrings__Tables,
// Storage__TablePrefix, Orleans__ClusterId, Orleans__ServiceId); --repair needs the cluster running.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(arg => arg != "--repair").ToArray()).Build();
var repair = args.Contains("--repair");
string connectionString;
try
{
    connectionString = TableStorageSettings.RequireConnectionString(configuration);
}
catch (StartupConfigurationException ex)
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 2;
}

var audit = new RelationAudit(new TableServiceClient(connectionString), configuration["Storage:TablePrefix"] ?? "");
var report = await audit.RunAsync();
AuditPrinter.Print(report, Console.Out);
if (!report.HasDrift || !repair)
{
    return report.HasDrift ? 1 : 0;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleansClient(client => client
    .Configure<ClusterOptions>(options =>
    {
        options.ClusterId = configuration["Orleans:ClusterId"] ?? "atlas-local";
        options.ServiceId = configuration["Orleans:ServiceId"] ?? "atlasgrains";
    })
    .UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString)));
using var host = builder.Build();
await host.StartAsync();
var resent = await new AuditRepair(host.Services.GetRequiredService<IGrainFactory>()).RepairAsync(report);
Console.WriteLine($"repair: {resent} relations sent again, {report.Drifted.Count} places recounted, {report.DriftedNewsletters.Count} newsletters recounted");
await host.StopAsync();

var after = await audit.RunAsync();
AuditPrinter.Print(after, Console.Out);
return after.HasDrift ? 1 : 0;
