namespace AtlasGrains.Abstractions.Lists;

/// <summary>
/// A list's items, keyed by the server-chosen list id. The items are the truth the places' list counts
/// follow; the list's title, description and visibility are kept by the owner's user grain.
/// </summary>
[Alias("AtlasGrains.IListGrain")]
public interface IListGrain : IGrainWithStringKey
{
    /// <summary>Creates the list for its owner. Idempotent; called by the owner's user grain.</summary>
    [Alias("InitializeAsync")] Task InitializeAsync(string ownerId);

    /// <summary>
    /// The owner and items, or null for a list that does not exist (or is deleted). A caller holding the contents of
    /// <paramref name="held"/> gets only what was added since, when nothing else changed (<see cref="ListContents"/>).
    /// </summary>
    [Alias("GetContentsAsync.v2")] Task<ListContents?> GetContentsAsync(ListRevision held = default);

    /// <summary>Adds the place at the end, or updates its note (a null note keeps the current one).</summary>
    /// <remarks>The contents after a change are answered as <see cref="GetContentsAsync"/> answers them.</remarks>
    [Alias("PutItemAsync.v2")] Task<ListChangeOutcome> PutItemAsync(string actingUserId, string placeId, string? note, ListRevision held = default);

    [Alias("RemoveItemAsync.v2")] Task<ListChangeOutcome> RemoveItemAsync(string actingUserId, string placeId, ListRevision held = default);

    /// <summary>Puts the items in this order; the ids must be exactly the current items.</summary>
    [Alias("ReorderAsync.v2")] Task<ListChangeOutcome> ReorderAsync(string actingUserId, string[] placeIds, ListRevision held = default);

    /// <summary>Repair: sends the place whether this list holds it, under a new version (the audit's --repair).</summary>
    [Alias("ResendItemAsync")] Task ResendItemAsync(string placeId);

    /// <summary>Deletes the list: its places stop counting it. Idempotent; called by the owner's user grain.</summary>
    [Alias("DeleteAsync")] Task DeleteAsync(string ownerId);
}
