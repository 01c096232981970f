using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Users;

/// <summary>The user's lists: the user's partition says which lists exist; each list grain holds its items.</summary>
public sealed partial class UserGrain
{
    public const int MaxLists = 500;

    public async Task<ListMeta?> CreateListAsync(string title, string description, bool isPublic)
    {
        if (_lists.Count(includePrivate: true) >= MaxLists)
        {
            return null;
        }

        await _wakeUp.EnsureWrittenAsync();
        var meta = await _lists.CreateAsync(title, description, isPublic);
        await FinishCreationAsync(meta.ListId);
        await RemoveWakeUpIfListsDoneAsync();
        return meta;
    }

    public Task<ListMeta?> GetListAsync(string listId) => Task.FromResult(_lists.Get(listId));

    public async Task<ListMeta?> UpdateListAsync(string listId, ListMetaEdit edit)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_lists.Get(listId) is not { } meta)
            {
                return null;
            }

            try
            {
                return await _lists.UpdateAsync(meta, edit);
            }
            catch (StaleViewException) when (attempt < MaxDecisionAttempts)
            {
            }
        }
    }

    public async Task<bool> DeleteListAsync(string listId)
    {
        if (_lists.StateOf(listId) is null)
        {
            return false;
        }

        await _wakeUp.EnsureWrittenAsync();
        await FinishDeletionAsync(listId);
        await RemoveWakeUpIfListsDoneAsync();
        return true;
    }

    public Task<ListMetaPage> GetListsAsync(bool includePrivate, ListCursor? after, int limit)
    {
        var ordered = _lists.All(includePrivate)
            .OrderByDescending(list => list.CreatedAt.UtcTicks)
            .ThenBy(list => list.ListId, StringComparer.Ordinal)
            .SkipWhile(list => after is not null && !IsAfter(list, after))
            .Take(limit + 1)
            .ToArray();
        var page = ordered.Take(limit).ToArray();
        var next = ordered.Length > limit ? new ListCursor(page[^1].CreatedAt.UtcTicks, page[^1].ListId) : null;
        return Task.FromResult(new ListMetaPage(page, next));
    }

    /// <summary>
    /// Once no list work is unfinished, its wake-up row has done its job. Best effort: a row left is removed by the
    /// sweeper's visit, which finds nothing to do.
    /// </summary>
    private async Task RemoveWakeUpIfListsDoneAsync()
    {
        if (_lists.Unfinished.Count > 0)
        {
            return;
        }

        try
        {
            await _wakeUp.RemoveAsync();
        }
        catch (Exception ex)
        {
            LogTidyingUpFailed(ex);
        }
    }

    /// <summary>Creates the list grain for a "creating" row, then marks the row active. Safe to repeat.</summary>
    private async Task FinishCreationAsync(string listId)
    {
        await GrainFactory.GetGrain<IListGrain>(listId).InitializeAsync(UserId);
        await _lists.SetStateAsync(listId, ListRowState.Active);
    }

    /// <summary>Marks the row "deleting", has the list grain let go of its places, then drops the row. Safe to repeat.</summary>
    private async Task FinishDeletionAsync(string listId)
    {
        if (_lists.StateOf(listId) != ListRowState.Deleting)
        {
            await _lists.SetStateAsync(listId, ListRowState.Deleting);
        }

        await GrainFactory.GetGrain<IListGrain>(listId).DeleteAsync(UserId);
        await _lists.RemoveAsync(listId);
    }

    private static bool IsAfter(ListMeta list, ListCursor cursor) =>
        list.CreatedAt.UtcTicks < cursor.CreatedAtTicks
        || (list.CreatedAt.UtcTicks == cursor.CreatedAtTicks && string.CompareOrdinal(list.ListId, cursor.ListId) > 0);
}
