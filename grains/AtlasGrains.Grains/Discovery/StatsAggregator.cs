using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// A silo's pre-aggregation of place counts for the rankings: its places hand it their counts after each commit, it
/// keeps the latest per place, and once per aggregation period it sends them to the catalog shards, a batch per shard,
/// so a hot place costs the rankings one update per period, not one per mark. A dictionary in the silo rather than a
/// grain: a place reports after every commit, which under uniform marks is every mark, and a message each cost the
/// silo more than the write it stands for.
/// </summary>
public sealed partial class StatsAggregator(IGrainFactory grains, IOptions<DiscoveryOptions> options, ILogger<StatsAggregator> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private Dictionary<string, PlaceStats> _latest = [];

    public void Report(string placeId, PlaceStats stats)
    {
        lock (_lock)
        {
            _latest[placeId] = stats;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var period = new PeriodicTimer(options.Value.AggregationPeriod);
        try
        {
            while (await period.WaitForNextTickAsync(stoppingToken))
            {
                await SendAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping; StopAsync sends what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SendAsync();
    }

    private async Task SendAsync()
    {
        Dictionary<string, PlaceStats> sending;
        lock (_lock)
        {
            if (_latest.Count == 0)
            {
                return;
            }

            sending = _latest;
            _latest = [];
        }

        await Task.WhenAll(sending.GroupBy(entry => CatalogShards.Of(entry.Key)).Select(async shard =>
        {
            var updates = shard.Select(entry => new PlaceStatsUpdate(entry.Key, entry.Value)).ToArray();
            try
            {
                await grains.GetGrain<ICatalogShardGrain>(shard.Key).ReportStatsAsync(updates);
            }
            catch (Exception ex)
            {
                // Kept for the next round, unless the place reported newer counts meanwhile.
                LogSendFailed(ex, shard.Key);
                lock (_lock)
                {
                    foreach (var update in updates)
                    {
                        _latest.TryAdd(update.PlaceId, update.Stats);
                    }
                }
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending counts to catalog shard {Shard} failed; the next round tries again.")]
    private partial void LogSendFailed(Exception exception, int shard);
}
