using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// Real processes under load while a silo is SIGKILLed every 10-15 s and restarted, and storage goes away for
/// 5 s: afterwards every acknowledged change is stored, the audit finds no drift, and clients saw only 2xx, 503
/// or timeouts. Run on demand: ATLAS_CHAOS_SECONDS=60 (short) or 600 (long), see README.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [ChaosFact]
    public async Task Under_load_with_silos_killed_and_storage_down_nothing_acknowledged_is_lost_and_counts_stay_exact()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("ATLAS_CHAOS_SECONDS"), out var configured) ? configured : 60;
        await using var system = await ChaosSystem.StartAsync();
        var load = new ChaosLoad(system.GatewayAddress);
        await load.PrepareAsync(readers: 24, places: 12);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var newsletters = new ChaosNewsletterLoad(system.GatewayAddress, system.Mail, load);
        var running = Task.WhenAll(load.RunAsync(stop.Token), newsletters.RunAsync(addresses: 16, TimeSpan.FromSeconds(seconds * 0.7), stop.Token));
        var random = new Random(42);
        var storageOutageAt = DateTime.UtcNow + TimeSpan.FromSeconds(seconds / 2.0);
        var storageWasDown = false;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(10 + random.Next(6)), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            if (!storageWasDown && DateTime.UtcNow >= storageOutageAt)
            {
                storageWasDown = true;
                await system.StopStorageAsync();
                await Task.Delay(TimeSpan.FromSeconds(5));
                await system.RestartStorageAsync();
            }
            else
            {
                await system.KillAndRestartSiloAsync(random.Next(3), TimeSpan.FromSeconds(1 + random.Next(2)));
            }
        }

        await running;
        await system.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        var truth = new StoredTruth(new TableServiceClient(system.ConnectionString), system.TablePrefix);
        try
        {
            await truth.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(180));
        }
        catch (Exception)
        {
            await ChaosDiagnostics.DescribeUndeliveredAsync(system, truth, output);
            throw;
        }

        var audit = await new RelationAudit(new TableServiceClient(system.ConnectionString), system.TablePrefix).RunAsync();
        var stalePages = await StalePagesAsync(system, load, truth);
        var marks = await truth.MarksAsync();
        var items = await truth.ListItemsAsync();
        var subscribed = await truth.SubscribedAsync(ChaosNewsletterLoad.NewsletterId);
        var knownReaders = newsletters.Expected.Where(entry => entry.Value is not null).ToList();
        var lostSubscriptions = knownReaders.Where(entry => entry.Value != subscribed.Contains(entry.Key)).ToList();

        var acknowledged = load.Expected.Where(entry => entry.Value is not null).ToList();
        var lost = acknowledged.Where(entry => entry.Value != entry.Key.Kind switch
        {
            "bh" => marks.Contains((entry.Key.Owner, AtlasGrains.Abstractions.Places.RelationKind.BeenHere, entry.Key.Place)),
            "wtg" => marks.Contains((entry.Key.Owner, AtlasGrains.Abstractions.Places.RelationKind.WantToGo, entry.Key.Place)),
            _ => items.Contains((entry.Key.Owner, entry.Key.Place)),
        }).ToList();
        output.WriteLine($"{seconds} s: {load.Operations} operations, {system.Kills} silo kills, storage down 5 s: {storageWasDown}; " +
            $"answers {string.Join(", ", load.Answers.OrderBy(answer => answer.Key).Select(answer => $"{answer.Key}: {answer.Value}"))}; " +
            $"relations whose last change was acknowledged: {acknowledged.Count}, unknown: {load.Expected.Count - acknowledged.Count}; " +
            $"places audited {audit.Places.Count}, drift {audit.Drifted.Count}, lost {lost.Count}; " +
            $"newsletter readers {newsletters.Expected.Count} (outcome known {knownReaders.Count}, subscribed at the end {knownReaders.Count(entry => entry.Value == true)}), " +
            $"newsletter drift {audit.DriftedNewsletters.Count}, subscriptions lost or invented {lostSubscriptions.Count}, " +
            $"place pages unlike the stored counts {stalePages.Count}");

        foreach (var answer in load.Unexpected.Take(5))
        {
            output.WriteLine(answer);
        }

        if (stalePages.Count > 0)
        {
            // Past the copies' lifetime the gateway asks the place again: still unlike the stored counts, the place
            // activation itself is wrong; right by then, the gateway kept a copy it should have dropped.
            output.WriteLine($"place pages unlike the stored counts: {string.Join("; ", stalePages)}");
            await Task.Delay(ChaosSystem.PlacePageLifetime + TimeSpan.FromSeconds(1));
            output.WriteLine($"past the copies' lifetime, still unlike: {string.Join("; ", await StalePagesAsync(system, load, truth))}");
        }

        var firstFailure = system.GatewayLog.IndexOf("failed with 500", StringComparison.Ordinal);
        if (firstFailure >= 0)
        {
            output.WriteLine(system.GatewayLog.Substring(firstFailure, Math.Min(3000, system.GatewayLog.Length - firstFailure)));
        }
        Assert.Empty(load.Unexpected);
        Assert.Empty(lost);
        Assert.Empty(audit.Drifted);
        Assert.Empty(audit.DriftedNewsletters);
        Assert.Empty(lostSubscriptions);
        Assert.Empty(stalePages);
        Assert.NotEmpty(knownReaders);
        Assert.True(system.Kills >= 2, "The run was too short to kill silos.");
    }

    /// <summary>Places whose page, read through the gateway once everything is delivered, shows other counts than stored.</summary>
    private static async Task<List<string>> StalePagesAsync(ChaosSystem system, ChaosLoad load, StoredTruth truth)
    {
        using var http = new HttpClient { BaseAddress = system.GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        var stale = new List<string>();
        foreach (var placeId in load.Places)
        {
            var stats = (await (await http.GetAsync($"/api/places/{placeId}")).JsonAsync(System.Net.HttpStatusCode.OK)).GetProperty("stats");
            var shown = new PlaceStats(stats.GetProperty("beenHere").GetInt32(), stats.GetProperty("wantToGo").GetInt32(), stats.GetProperty("lists").GetInt32());
            if (shown != await truth.StoredCountsAsync(placeId))
            {
                stale.Add($"{placeId}: shown {shown}, stored {await truth.StoredCountsAsync(placeId)}");
            }
        }

        return stale;
    }
}
