namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// A gateway's copy of place pages. A place tells it whenever the page it answered may no longer be the page now: its
/// counts or facts changed, or its activation is leaving (the next one won't know the observer). A gateway subscribes
/// one of these for all its places, with each page it fetches. Not one-way: the place tells again until the gateway
/// answers, since a one-way message can be lost on its way without anybody hearing of it.
/// </summary>
[Alias("AtlasGrains.IPlacePageObserver")]
public interface IPlacePageObserver : IGrainObserver
{
    /// <summary>The page of <paramref name="placeId"/> this observer holds is out of date: drop it.</summary>
    [Alias("PlaceChanged")] Task PlaceChanged(string placeId);
}
