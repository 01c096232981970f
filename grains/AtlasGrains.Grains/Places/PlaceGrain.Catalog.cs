using AtlasGrains.Abstractions.Discovery;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Places;

/// <summary>The place's part in the discovery views: its catalog row, its catalog shard, its counts' way to the rankings.</summary>
public sealed partial class PlaceGrain
{
    private static readonly TimeSpan RepublishPeriod = TimeSpan.FromSeconds(1);

    private IGrainTimer? _republish;

    private async Task LoadFactsAsync(CancellationToken cancellationToken)
    {
        var row = await _catalog.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(
            CatalogShards.PartitionKey(CatalogShards.Of(PlaceId)), PlaceId, cancellationToken: cancellationToken);
        _facts = row.HasValue && row.Value is { } stored && stored.ContainsKey("Name") ? PlaceRows.ReadFacts(stored) : null;
    }

    /// <summary>
    /// Tells the catalog shard about the stored facts, so every silo's index has them within a second. The facts
    /// are stored already, so a failure here does not fail the caller: a timer tries again until the shard has them.
    /// </summary>
    private async Task PublishAsync()
    {
        try
        {
            await Shard.PublishAsync(PlaceRows.Summary(PlaceId, _facts!, _relations.Counts.ToPlaceStats()));
            _republish?.Dispose();
            _republish = null;
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, PlaceId);
            _republish ??= this.RegisterGrainTimer(PublishAsync, new GrainTimerCreationOptions(RepublishPeriod, RepublishPeriod));
        }
    }

    /// <summary>Hands the counts to this silo's aggregator: the rankings follow within seconds.</summary>
    private void ReportStats() => statsAggregator.Report(PlaceId, _relations.Counts.ToPlaceStats());

    private ICatalogShardGrain Shard => GrainFactory.GetGrain<ICatalogShardGrain>(CatalogShards.Of(PlaceId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing place {PlaceId} to its catalog shard failed; retrying.")]
    private partial void LogPublishFailed(Exception exception, string placeId);
}
