using AtlasGrains.Abstractions.Lists;

namespace AtlasGrains.Abstractions.Users;

/// <summary>A user, keyed by the server-chosen user id. The user's marks are the truth the place counts follow.</summary>
[Alias("AtlasGrains.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the profile; repeating it with the same values changes nothing.</summary>
    [Alias("CreateProfileAsync")] Task CreateProfileAsync(string email, string displayName);

    /// <summary>The profile, or null when the user does not exist.</summary>
    [Alias("GetProfileAsync")] Task<UserProfile?> GetProfileAsync();

    [Alias("GetStatsAsync")] Task<UserStats> GetStatsAsync();

    /// <summary>
    /// Re-delivers every stored change its places may not have applied and finishes interrupted list work; once
    /// nothing is left, removes its wake-up row (the one the sweeper saw, <paramref name="wakeUpETag"/>; null when the
    /// sweeper found the user named by a transaction's wake-up row only). True when nothing is left to do.
    /// </summary>
    [Alias("ReconcileAsync")] Task<bool> ReconcileAsync(string? wakeUpETag);

    /// <summary>
    /// Sets or clears a mark. Durable before it returns; idempotent; the place's counts follow exactly.
    /// A repeated call also re-delivers a change the place has not confirmed yet.
    /// </summary>
    [Alias("SetMarkAsync")] Task<MarkOutcome> SetMarkAsync(string placeId, MarkKind kind, bool marked);

    /// <summary>Repair: sends the place this user's current mark again, under a new version (the audit's --repair).</summary>
    [Alias("ResendMarkAsync")] Task ResendMarkAsync(string placeId, MarkKind kind);

    [Alias("GetPlaceStateAsync")] Task<UserPlaceState> GetPlaceStateAsync(string placeId);

    /// <summary>Marks of one kind, newest first.</summary>
    [Alias("GetMarksAsync")] Task<MarkPage> GetMarksAsync(MarkKind kind, MarkCursor? after, int limit);

    /// <summary>Creates a list owned by this user; null when the user already has the most lists allowed.</summary>
    [Alias("CreateListAsync")] Task<ListMeta?> CreateListAsync(string title, string description, bool isPublic);

    /// <summary>One of this user's lists, or null when it is not theirs (or no longer exists).</summary>
    [Alias("GetListAsync")] Task<ListMeta?> GetListAsync(string listId);

    /// <summary>Edits one of this user's lists; null when it is not theirs.</summary>
    [Alias("UpdateListAsync")] Task<ListMeta?> UpdateListAsync(string listId, ListMetaEdit edit);

    /// <summary>Deletes one of this user's lists (its places stop counting it); false when it is not theirs.</summary>
    [Alias("DeleteListAsync")] Task<bool> DeleteListAsync(string listId);

    /// <summary>This user's lists, newest first; public ones only unless <paramref name="includePrivate"/>.</summary>
    [Alias("GetListsAsync")] Task<ListMetaPage> GetListsAsync(bool includePrivate, ListCursor? after, int limit);
}
