using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// Drops every kept place page when a silo leaves the cluster. A place whose silo died is activated again elsewhere
/// without its observers, so it can't tell this gateway about its changes. The Orleans client sends everything through
/// one silo, so a lost connection tells of that silo only: the watch asks the cluster for its active silos every
/// <see cref="PlacePagesOptions.SiloWatchPeriod"/> and drops the copies when one it saw is gone. A place's next
/// activation can't exist before the cluster has declared the old silo dead, so a copy misses other gateways' changes
/// for at most about one period after that.
/// </summary>
public sealed partial class SiloLossWatch(
    IGrainFactory grains, PlacePageCache pages, IOptions<PlacePagesOptions> options, ILogger<SiloLossWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? seen = null;
        using var timer = new PeriodicTimer(options.Value.SiloWatchPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                seen = await LookAsync(seen);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The active silos now, or the ones seen before if the cluster could not be asked.</summary>
    private async Task<HashSet<SiloAddress>?> LookAsync(HashSet<SiloAddress>? seen)
    {
        HashSet<SiloAddress> active;
        try
        {
            active = [.. (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys];
        }
        catch (Exception ex)
        {
            // A silo may have died unseen: drop the copies, and compare the next answer with the last one seen.
            if (pages.Count > 0)
            {
                LogUnknown(ex);
                pages.ForgetAll();
            }

            return seen;
        }

        if (seen is not null && !seen.IsSubsetOf(active))
        {
            LogSiloLeft(string.Join(", ", seen.Except(active)));
            pages.ForgetAll();
        }

        return active;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silos} left the cluster: dropped every kept place page.")]
    private partial void LogSiloLeft(string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the cluster for its silos: dropped every kept place page.")]
    private partial void LogUnknown(Exception exception);
}
