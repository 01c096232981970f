using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Outbox;

/// <summary>An outbox entry: the newest change for one relation, and whether its place has confirmed it.</summary>
/// <param name="Key">The outbox row's key suffix (unique in its partition).</param>
internal sealed record PendingDelivery(string Key, string PlaceId, RelationChange Change, bool Confirmed);
