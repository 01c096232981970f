using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Users;

/// <summary>An outbox entry: a relation change stored with the mark, and whether its place has confirmed it.</summary>
internal sealed record PendingDelivery(MarkKey Key, RelationChange Change, bool Confirmed)
{
    public string PlaceId => Key.PlaceId;
}
