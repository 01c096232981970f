using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// A place. Reentrant so that relation changes from many users pile up behind the commit in flight and
/// are group-committed; edits of the facts are serialized by their own lock instead.
/// </summary>
[GrainType("place")]
[Reentrant]
public sealed class PlaceGrain(
    [PersistentState("place", StorageNames.GrainState)] IPersistentState<PlaceState> state,
    AtlasTables tables,
    AtlasMetrics metrics,
    AtlasClock clock)
    : Grain, IPlaceGrain
{
    private readonly SemaphoreSlim _factsWrite = new(1, 1);
    private RelationLedger _relations = null!;
    private GroupCommitQueue _relationCommits = null!;

    private bool Exists => state.RecordExists && state.State.Details is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _relations = new RelationLedger(await tables.PlaceRelationsAsync(), this.GetPrimaryKeyString(), metrics);
        await _relations.LoadAsync(cancellationToken);
        _relationCommits = new GroupCommitQueue(_relations.CommitAsync, RelationLedger.MaxChangesPerCommit);
    }

    public async Task<PlaceView?> CreateAsync(PlaceDetails details, UserRef addedBy)
    {
        await _factsWrite.WaitAsync();
        try
        {
            if (Exists)
            {
                return null;
            }

            var now = clock.Now;
            state.State = new PlaceState { Details = details, AddedBy = addedBy, PublishedAt = now, UpdatedAt = now };
            await WriteFactsAsync();
            return View();
        }
        finally
        {
            _factsWrite.Release();
        }
    }

    public Task<PlaceView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public Task<PlaceStats?> GetStatsAsync() => Task.FromResult(Exists ? _relations.Counts.ToPlaceStats() : null);

    public async Task<PlaceView?> EditAsync(PlaceEdit edit, UserRef editor)
    {
        await _factsWrite.WaitAsync();
        try
        {
            if (!Exists)
            {
                return null;
            }

            var facts = state.State;
            facts.Details = edit.ApplyTo(facts.Details!);
            facts.UpdatedAt = clock.Now;
            var index = facts.EditedBy.FindIndex(known => known.UserId == editor.UserId);
            if (index < 0)
            {
                facts.EditedBy.Add(editor);
            }
            else
            {
                facts.EditedBy[index] = editor;
            }

            await WriteFactsAsync();
            return View();
        }
        finally
        {
            _factsWrite.Release();
        }
    }

    public async Task<PlaceStats> ApplyRelationChangesAsync(RelationChange[] changes)
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"Place '{this.GetPrimaryKeyString()}' does not exist.");
        }

        await _relationCommits.EnqueueAsync(changes);
        return _relations.Counts.ToPlaceStats();
    }

    public async Task<PlaceStats> RecountAsync()
    {
        await _relationCommits.RunExclusiveAsync(_relations.RecountAsync);
        return _relations.Counts.ToPlaceStats();
    }

    public Task<string[]> GetHoldingMembersAsync(RelationKind kind, string[] memberIds) =>
        memberIds.Length == 0 ? Task.FromResult<string[]>([]) : _relations.HoldingAsync(kind, memberIds);

    public Task<string[]> GetListsAsync(string? afterListId, int limit) =>
        _relations.MembersAsync(RelationKind.List, afterListId, limit);

    private async Task WriteFactsAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory facts now differ from storage: let the next call start from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private PlaceView View()
    {
        var facts = state.State;
        return new PlaceView(
            this.GetPrimaryKeyString(),
            facts.Details!,
            facts.AddedBy!,
            [.. facts.EditedBy],
            facts.PublishedAt,
            facts.UpdatedAt,
            _relations.Counts.ToPlaceStats());
    }
}
