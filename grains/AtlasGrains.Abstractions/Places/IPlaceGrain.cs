namespace AtlasGrains.Abstractions.Places;

/// <summary>A place, keyed by its slug. It owns its facts and derives its counts from relation changes.</summary>
[Alias("AtlasGrains.IPlaceGrain")]
public interface IPlaceGrain : IGrainWithStringKey
{
    /// <summary>Publishes the place; null when a place with this id already exists.</summary>
    [Alias("CreateAsync")] Task<PlaceView?> CreateAsync(PlaceDetails details, UserRef addedBy);

    /// <summary>The place with its current counts, or null when it does not exist.</summary>
    [Alias("GetAsync")] Task<PlaceView?> GetAsync();

    /// <summary>
    /// The place as <see cref="GetAsync"/> answers it, and subscribes (or renews) <paramref name="observer"/> to be told
    /// when that answer goes out of date; forgotten unless renewed within two minutes. Subscribes nothing when the
    /// place does not exist.
    /// </summary>
    [Alias("GetAndFollowAsync")] Task<PlaceView?> GetAndFollowAsync(IPlacePageObserver observer);

    /// <summary>The place as lists and views show it (facts they need and current counts), or null when it does not exist.</summary>
    [Alias("GetSummaryAsync")] Task<Discovery.PlaceSummary?> GetSummaryAsync();

    /// <summary>The current counts, or null when the place does not exist.</summary>
    [Alias("GetStatsAsync")] Task<PlaceStats?> GetStatsAsync();

    /// <summary>Applies an edit and records the editor once; null when the place does not exist.</summary>
    [Alias("EditAsync")] Task<PlaceView?> EditAsync(PlaceEdit edit, UserRef editor);

    /// <summary>
    /// Durably applies relation changes (idempotent per member and version) and answers the counts after them.
    /// Concurrent callers are group-committed into shared storage transactions.
    /// </summary>
    [Alias("ApplyRelationChangesAsync")] Task<PlaceStats> ApplyRelationChangesAsync(RelationChange[] changes);

    /// <summary>
    /// Applies relation changes (idempotent per member and version) and stores them, with every change the place held in
    /// the places' journal only, in its own rows before it answers: how the sweeper replays a journal row left by a crash.
    /// </summary>
    [Alias("StoreRelationChangesAsync")] Task StoreRelationChangesAsync(RelationChange[] changes);

    /// <summary>Repair: recounts the counts row from the place's present relation rows (the audit's --repair).</summary>
    [Alias("RecountAsync")] Task<PlaceStats> RecountAsync();

    /// <summary>
    /// Subscribes (or renews) an observer of the counts, forgotten unless renewed within two minutes; answers the
    /// current counts, or null (and subscribes nothing) when the place does not exist.
    /// </summary>
    [Alias("SubscribeStatsAsync")] Task<VersionedPlaceStats?> SubscribeStatsAsync(IPlaceStatsObserver observer);

    /// <summary>Forgets an observer of the counts (idempotent).</summary>
    [Alias("UnsubscribeStatsAsync")] Task UnsubscribeStatsAsync(IPlaceStatsObserver observer);

    /// <summary>Which of these members hold the place as <paramref name="kind"/> (e.g. which of my lists hold it).</summary>
    [Alias("GetHoldingMembersAsync")] Task<string[]> GetHoldingMembersAsync(RelationKind kind, string[] memberIds);

    /// <summary>Ids of lists that hold the place, in id order after <paramref name="afterListId"/>, at most <paramref name="limit"/>.</summary>
    [Alias("GetListsAsync")] Task<string[]> GetListsAsync(string? afterListId, int limit);
}
