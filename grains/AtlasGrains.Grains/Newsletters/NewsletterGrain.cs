using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>A newsletter's subscriber count: subscriber rows and a counts row, exactly like a place's marks.</summary>
[GrainType("newsletter")]
[Reentrant]
public sealed class NewsletterGrain(AtlasTables tables, AtlasMetrics metrics) : Grain, INewsletterGrain
{
    private RelationLedger _subscribers = null!;
    private GroupCommitQueue _commits = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _subscribers = new RelationLedger(await tables.NewsletterRelationsAsync(), this.GetPrimaryKeyString(), shardCount: 1, metrics);
        await _subscribers.LoadAsync(cancellationToken);
        _commits = new GroupCommitQueue(changes => _subscribers.CommitAsync(changes), RelationLedger.MaxChangesPerCommit);
    }

    public async Task<int> ApplyRelationChangesAsync(RelationChange[] changes)
    {
        await _commits.EnqueueAsync(changes);
        return _subscribers.Counts[RelationKind.Subscriber];
    }

    public Task<int> GetSubscriberCountAsync() => Task.FromResult(_subscribers.Counts[RelationKind.Subscriber]);

    public async Task<int> RecountAsync()
    {
        await _commits.RunExclusiveAsync(_subscribers.RecountAsync);
        return _subscribers.Counts[RelationKind.Subscriber];
    }
}
