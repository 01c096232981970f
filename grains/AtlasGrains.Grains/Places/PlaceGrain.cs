using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Discovery;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// A place. Reentrant so that relation changes from many users pile up behind the commit in flight and
/// are group-committed; edits of the facts are serialized by their own lock instead. The facts live in the
/// place's catalog row (<see cref="PlaceRows"/>); each change of them is published to the place's catalog
/// shard, and each change of the counts goes to the silo's stats aggregator, for the discovery views.
/// </summary>
[GrainType("place")]
[Reentrant]
public sealed partial class PlaceGrain(
    AtlasTables tables,
    PlaceRelationBuckets relationBuckets,
    StatsAggregator statsAggregator,
    IOptions<PlaceJournalOptions> journalOptions,
    AtlasMetrics metrics,
    AtlasClock clock,
    ILogger<PlaceGrain> logger)
    : Grain, IPlaceGrain
{
    private SemaphoreSlim? _factsWrite;
    private RelationLedger _relations = null!;
    private GroupCommitQueue _relationCommits = null!;
    private TableClient _catalog = null!;
    private PlaceState? _facts;

    private bool Exists => _facts is not null;

    /// <summary>Made by the first create or edit: most active places are only read and marked (memory: 100,000 active).</summary>
    private SemaphoreSlim FactsWrite => _factsWrite ??= new SemaphoreSlim(1, 1);

    private string? _placeId;

    /// <summary>One copy for the activation's lifetime: each call of GetPrimaryKeyString builds a new string.</summary>
    private string PlaceId => _placeId ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _catalog = await tables.PlacesAsync();
        _relations = new RelationLedger(
            await tables.PlaceRelationsAsync(PlaceRelationBuckets.BucketOf(PlaceId)), PlaceId, RelationShards.PerPlace, metrics, relationBuckets,
            journals: journalOptions.Value.StoreDelay > TimeSpan.Zero);
        await Task.WhenAll(_relations.LoadAsync(cancellationToken), LoadFactsAsync(cancellationToken));
        _relationCommits = new GroupCommitQueue(changes => ChangingCountsAsync(() => _relations.CommitAsync(changes)), RelationLedger.MaxChangesPerCommit);
        if (Exists)
        {
            // Heals the rankings after a catalog shard lost counts it had not stored yet.
            ReportStats();
        }
    }

    public async Task<PlaceView?> CreateAsync(PlaceDetails details, UserRef addedBy)
    {
        await FactsWrite.WaitAsync();
        try
        {
            if (Exists)
            {
                return null;
            }

            var now = clock.Now;
            var facts = new PlaceState { Details = PlaceVocabulary.Share(details), AddedBy = addedBy, PublishedAt = now, UpdatedAt = now };
            try
            {
                await _catalog.AddEntityAsync(PlaceRows.Facts(PlaceId, facts));
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Created meanwhile by another activation (during a membership change): it is not ours to create.
                await LoadFactsAsync(CancellationToken.None);
                return null;
            }

            _facts = facts;
            await PublishAsync();
            return View();
        }
        finally
        {
            FactsWrite.Release();
        }
    }

    public Task<PlaceView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public Task<PlaceSummary?> GetSummaryAsync() =>
        Task.FromResult(Exists ? PlaceRows.Summary(PlaceId, _facts!, _relations.Counts.ToPlaceStats()) : null);

    public Task<PlaceStats?> GetStatsAsync() => Task.FromResult(Exists ? _relations.Counts.ToPlaceStats() : null);

    public async Task<PlaceView?> EditAsync(PlaceEdit edit, UserRef editor)
    {
        await FactsWrite.WaitAsync();
        try
        {
            if (!Exists)
            {
                return null;
            }

            var facts = new PlaceState
            {
                Details = PlaceVocabulary.Share(edit.ApplyTo(_facts!.Details!)),
                AddedBy = _facts.AddedBy,
                EditedBy = _facts.EditedBy.Any(known => known.UserId == editor.UserId)
                    ? [.. _facts.EditedBy.Select(known => known.UserId == editor.UserId ? editor : known)]
                    : [.. _facts.EditedBy, editor],
                PublishedAt = _facts.PublishedAt,
                UpdatedAt = clock.Now,
            };

            // Merge, so the counts columns its catalog shard writes stay as they are.
            await _catalog.UpdateEntityAsync(PlaceRows.Facts(PlaceId, facts), ETag.All, TableUpdateMode.Merge);
            _facts = facts;
            TellPagesChanged();
            await PublishAsync();
            return View();
        }
        finally
        {
            FactsWrite.Release();
        }
    }

    public async Task<PlaceStats> ApplyRelationChangesAsync(RelationChange[] changes)
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"Place '{PlaceId}' does not exist.");
        }

        await _relationCommits.EnqueueAsync(changes);
        StoreJournaledLater();
        ReportStats();
        AnnounceStats();
        return _relations.Counts.ToPlaceStats();
    }

    public async Task<PlaceStats> RecountAsync()
    {
        await _relationCommits.RunExclusiveAsync(() => ChangingCountsAsync(_relations.RecountAsync));
        ReportStats();
        AnnounceStats();
        return _relations.Counts.ToPlaceStats();
    }

    public Task<string[]> GetHoldingMembersAsync(RelationKind kind, string[] memberIds) =>
        memberIds.Length == 0 ? Task.FromResult<string[]>([]) : _relations.HoldingAsync(kind, memberIds);

    public Task<string[]> GetListsAsync(string? afterListId, int limit) =>
        _relations.MembersAsync(RelationKind.List, afterListId, limit);

    private PlaceView View()
    {
        var facts = _facts!;
        return new PlaceView(
            PlaceId,
            facts.Details!,
            facts.AddedBy!,
            [.. facts.EditedBy],
            facts.PublishedAt,
            facts.UpdatedAt,
            _relations.Counts.ToPlaceStats());
    }
}
