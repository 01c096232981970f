using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Places;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Storage.Transactions;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// One shard of the place catalog: its change feed, and the writer of its places' counts into the catalog table,
/// in batched transactions of its one partition. Reentrant: everything but the flush is in memory.
/// </summary>
[GrainType("catalog-shard")]
[Reentrant]
public sealed partial class CatalogShardGrain(AtlasTables tables, IOptions<DiscoveryOptions> options, ILogger<CatalogShardGrain> logger)
    : Grain, ICatalogShardGrain
{
    private const int FeedCapacity = 50_000;
    private const int MaxRowsPerTransaction = 100;

    private readonly CatalogFeed _feed = new(FeedCapacity);
    private Dictionary<string, PlaceStats> _unstoredStats = [];
    private IGrainTimer? _flush;

    /// <summary>One flush at a time (the last one, as the shard deactivates, may meet the timer's): the feed's stored position is only true if every earlier flush is done.</summary>
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>A flush is under way because the feed filled up (<see cref="FlushEarlyAsync"/>).</summary>
    private bool _flushingEarly;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.StatsFlushPeriod;
        _flush = this.RegisterGrainTimer(FlushStatsAsync, new GrainTimerCreationOptions(period, period) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        await FlushStatsAsync();
    }

    public Task PublishAsync(PlaceSummary place)
    {
        _feed.Append(place, null);
        return Task.CompletedTask;
    }

    public Task ReportStatsAsync(PlaceStatsUpdate[] updates)
    {
        foreach (var update in updates)
        {
            _feed.Append(null, update);
            _unstoredStats[update.PlaceId] = update.Stats;
        }

        if (_feed.Unstored >= FeedCapacity / 2 && !_flushingEarly)
        {
            _flushingEarly = true;
            _ = FlushEarlyAsync();
        }

        return Task.CompletedTask;
    }

    public Task<CatalogChanges> GetChangesAsync(Guid epoch, long position, int max) => Task.FromResult(_feed.After(epoch, position, max));

    /// <summary>
    /// Stores before the period is up when half the feed holds changes the table lacks: the feed must never drop a
    /// change before the table holds it, or a silo loading the shard would miss it (<see cref="CatalogFeed"/>).
    /// </summary>
    private async Task FlushEarlyAsync()
    {
        try
        {
            await FlushStatsAsync();
        }
        catch (Exception ex)
        {
            LogFlushFailed(ex, _unstoredStats.Count);
        }
        finally
        {
            _flushingEarly = false;
        }
    }

    /// <summary>
    /// Stores the latest counts of the places that changed since the last flush; a failed batch waits for the next.
    /// Once all are stored, the feed knows the table holds every change up to where this flush began.
    /// </summary>
    private async Task FlushStatsAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            await FlushStatsOnceAsync();
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushStatsOnceAsync()
    {
        var through = _feed.Position;
        if (_unstoredStats.Count == 0)
        {
            _feed.Stored(through);
            return;
        }

        // The table first: if storage can't even give it, the counts stay unstored for the next flush.
        var catalog = await tables.PlacesAsync();
        var flushing = _unstoredStats;
        _unstoredStats = [];
        var failed = false;
        foreach (var batch in flushing.Chunk(MaxRowsPerTransaction))
        {
            try
            {
                await catalog.SubmitEntityGroupAsync([.. batch.Select(entry =>
                    new TableTransactionAction(TableTransactionActionType.UpsertMerge, PlaceRows.Stats(entry.Key, entry.Value)))]);
            }
            catch (Exception ex)
            {
                LogFlushFailed(ex, batch.Length);
                failed = true;
                foreach (var (placeId, stats) in batch)
                {
                    _unstoredStats.TryAdd(placeId, stats);
                }
            }
        }

        if (!failed)
        {
            _feed.Stored(through);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the counts of {Count} places in the catalog failed; the next flush tries again.")]
    private partial void LogFlushFailed(Exception exception, int count);
}
