using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>
/// Renews the hub's subscriptions on a timer: places keep observers only for a while, and a place that was
/// deactivated or moved to another silo meanwhile learns about them again (and answers its counts, so nothing missed
/// stays missed).
/// </summary>
public sealed class PlaceStatsRenewal(PlaceStatsHub hub, IOptions<LiveStatsOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await hub.RenewAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
