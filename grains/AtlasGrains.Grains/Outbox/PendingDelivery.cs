using AtlasGrains.Abstractions.Places;
using Azure;

namespace AtlasGrains.Grains.Outbox;

/// <summary>An outbox entry: the newest change for one relation, and whether its place has confirmed it.</summary>
/// <param name="Key">The outbox row's key suffix (unique in its partition).</param>
/// <param name="RowETag">The stored row's ETag, when known (a list's outbox rows): deleting with it can't remove a row written again since.</param>
internal sealed record PendingDelivery(string Key, string PlaceId, RelationChange Change, bool Confirmed, ETag RowETag = default);
