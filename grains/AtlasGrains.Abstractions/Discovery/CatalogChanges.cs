namespace AtlasGrains.Abstractions.Discovery;

/// <summary>
/// An answer of a catalog shard's change feed. <paramref name="Continuous"/> false means the reader's position
/// is not in this feed (the shard restarted, or the reader fell too far behind): it must reload the shard's
/// places from the table, then follow the feed from <paramref name="Position"/>, which the shard sets where the
/// table stops holding its changes, so that the feed replays what the table lacks.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.CatalogChanges")]
public sealed record CatalogChanges(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Position,
    [property: Id(2)] bool Continuous,
    [property: Id(3)] CatalogChange[] Changes);
