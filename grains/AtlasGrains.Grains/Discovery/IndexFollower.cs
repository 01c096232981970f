using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Grains.Discovery.Index;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// Keeps this silo's <see cref="PlaceIndex"/> current: loads every shard from the catalog table, then follows each
/// shard's change feed every <see cref="DiscoveryOptions.FollowPeriod"/>. A shard that restarted (or a follower
/// that fell behind) is reloaded from the table; every shard is reloaded anyway once per full-reload period.
/// </summary>
public sealed partial class IndexFollower(
    PlaceIndex index,
    CatalogReader catalog,
    IGrainFactory grains,
    IOptions<DiscoveryOptions> options,
    ILogger<IndexFollower> logger)
    : BackgroundService
{
    private const int MaxChangesPerCall = 5_000;

    // Real time, never the tests' fake clock: following must go on while a test holds its clock still.

    private readonly (Guid Epoch, long Position, DateTimeOffset LoadedAt)[] _cursors = new (Guid, long, DateTimeOffset)[CatalogShards.Count];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var followed = await Task.WhenAll(Enumerable.Range(0, CatalogShards.Count).Select(shard => FollowAsync(shard, stoppingToken)));
            if (followed.All(ok => ok))
            {
                index.MarkLoaded();
            }

            try
            {
                await Task.Delay(options.Value.FollowPeriod, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Brings one shard up to date; false when it could not (it is tried again next round).</summary>
    private async Task<bool> FollowAsync(int shard, CancellationToken cancellationToken)
    {
        try
        {
            var feed = grains.GetGrain<ICatalogShardGrain>(shard);
            while (true)
            {
                var (epoch, position, loadedAt) = _cursors[shard];
                if (epoch != Guid.Empty && DateTimeOffset.UtcNow - loadedAt > options.Value.FullReloadPeriod)
                {
                    epoch = Guid.Empty;
                }

                var changes = await feed.GetChangesAsync(epoch, position, MaxChangesPerCall);
                if (!changes.Continuous)
                {
                    // The feed's position first, then the table: the feed replays from where the table stops holding
                    // the shard's changes, so what the table lacks and what changes during the read both come after it.
                    index.Load(await catalog.ReadShardAsync(shard, cancellationToken));
                    _cursors[shard] = (changes.Epoch, changes.Position, DateTimeOffset.UtcNow);
                    continue;
                }

                index.Apply(changes.Changes);
                _cursors[shard] = (epoch, changes.Position, loadedAt);
                if (changes.Changes.Length < MaxChangesPerCall)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFollowFailed(ex, shard);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following catalog shard {Shard} failed; trying again shortly.")]
    private partial void LogFollowFailed(Exception exception, int shard);
}
