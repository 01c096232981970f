using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// Makes sure every journal shard's sweeper has its reminder, at each silo start, retrying until it succeeds: the
/// reminders persist, so the first success in a cluster's life is what matters, and a silo starting while storage
/// is down must not fail for it.
/// </summary>
public sealed partial class PendingOwnersSweepStart(IGrainFactory grains, ILogger<PendingOwnersSweepStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, PendingOwners.Shards).Select(shard => grains.GetGrain<IPendingOwnersSweeperGrain>(shard).StartAsync()));
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogStartFailed(ex, delay);
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the pending-owners sweepers failed; trying again in {Delay}.")]
    private partial void LogStartFailed(Exception exception, TimeSpan delay);
}
