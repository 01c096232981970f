namespace AtlasGrains.Abstractions.Lists;

[GenerateSerializer, Alias("AtlasGrains.ListChangeStatus")]
public enum ListChangeStatus
{
    Done = 0,

    /// <summary>No such list, or not the caller's: the two are not told apart.</summary>
    ListNotFound = 1,
    PlaceNotFound = 2,
    TooManyItems = 3,

    /// <summary>A reorder that did not name exactly the current items.</summary>
    NotTheCurrentItems = 4,
}
