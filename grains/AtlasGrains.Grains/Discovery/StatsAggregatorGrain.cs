using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// A silo's pre-aggregation of place counts for the rankings: keeps the latest counts each local place reported
/// and sends them to the catalog shards once per aggregation period, a batch per shard.
/// </summary>
[GrainType("stats-aggregator")]
[StatelessWorker(1)]
[Reentrant]
public sealed partial class StatsAggregatorGrain(IOptions<DiscoveryOptions> options, ILogger<StatsAggregatorGrain> logger)
    : Grain, IStatsAggregatorGrain
{
    private Dictionary<string, PlaceStats> _latest = [];
    private IGrainTimer? _send;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.AggregationPeriod;
        _send = this.RegisterGrainTimer(SendAsync, new GrainTimerCreationOptions(period, period) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _send?.Dispose();
        await SendAsync();
    }

    public Task ReportAsync(string placeId, PlaceStats stats)
    {
        _latest[placeId] = stats;
        return Task.CompletedTask;
    }

    private async Task SendAsync()
    {
        if (_latest.Count == 0)
        {
            return;
        }

        var sending = _latest;
        _latest = [];
        await Task.WhenAll(sending.GroupBy(entry => CatalogShards.Of(entry.Key)).Select(async shard =>
        {
            var updates = shard.Select(entry => new PlaceStatsUpdate(entry.Key, entry.Value)).ToArray();
            try
            {
                await GrainFactory.GetGrain<ICatalogShardGrain>(shard.Key).ReportStatsAsync(updates);
            }
            catch (Exception ex)
            {
                // Kept for the next round, unless the place reported newer counts meanwhile.
                LogSendFailed(ex, shard.Key);
                foreach (var update in updates)
                {
                    _latest.TryAdd(update.PlaceId, update.Stats);
                }
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending counts to catalog shard {Shard} failed; the next round tries again.")]
    private partial void LogSendFailed(Exception exception, int shard);
}
