using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Abstractions.Newsletters;

/// <summary>A newsletter, keyed by its id: counts its subscribed addresses exactly, as places count marks.</summary>
[Alias("AtlasGrains.INewsletterGrain")]
public interface INewsletterGrain : IGrainWithStringKey
{
    /// <summary>Durably applies subscriber changes (idempotent per subscriber and version); answers the count after them.</summary>
    [Alias("ApplyRelationChangesAsync")] Task<int> ApplyRelationChangesAsync(RelationChange[] changes);

    [Alias("GetSubscriberCountAsync")] Task<int> GetSubscriberCountAsync();

    /// <summary>Repair: rewrites the subscriber count from the subscriber rows (the audit's --repair); answers the count.</summary>
    [Alias("RecountAsync")] Task<int> RecountAsync();
}
