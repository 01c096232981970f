using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Users;

/// <summary>The user's lists: the user's partition says which lists exist; each list grain holds its items.</summary>
public sealed partial class UserGrain
{
    public const int MaxLists = 500;

    public async Task<ListMeta?> CreateListAsync(string title, string description, bool isPublic)
    {
        if (Lists.Count(includePrivate: true) >= MaxLists)
        {
            return null;
        }

        await WakeUp.EnsureWrittenAsync();
        var meta = await Lists.CreateAsync(title, description, isPublic);
        await FinishCreationAsync(meta.ListId);
        await RemoveWakeUpIfListsDoneAsync();
        return meta;
    }

    public Task<ListMeta?> GetListAsync(string listId) => Task.FromResult(Lists.Get(listId));

    public async Task<ListMeta?> UpdateListAsync(string listId, ListMetaEdit edit)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (Lists.Get(listId) is not { } meta)
            {
                return null;
            }

            try
            {
                return await Lists.UpdateAsync(meta, edit);
            }
            catch (StaleViewException) when (attempt < MaxDecisionAttempts)
            {
            }
        }
    }

    public async Task<bool> DeleteListAsync(string listId)
    {
        if (Lists.StateOf(listId) is null)
        {
            return false;
        }

        await WakeUp.EnsureWrittenAsync();
        await FinishDeletionAsync(listId);
        await RemoveWakeUpIfListsDoneAsync();
        return true;
    }

    public Task<ListMetaPage> GetListsAsync(bool includePrivate, ListCursor? after, int limit)
    {
        var ordered = Lists.All(includePrivate)
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
        if (Lists.Unfinished.Count > 0)
        {
            return;
        }

        try
        {
            await WakeUp.RemoveAsync();
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
        await Lists.SetStateAsync(listId, ListRowState.Active);
    }

    /// <summary>Marks the row "deleting", has the list grain let go of its places, then drops the row. Safe to repeat.</summary>
    private async Task FinishDeletionAsync(string listId)
    {
        if (Lists.StateOf(listId) != ListRowState.Deleting)
        {
            await Lists.SetStateAsync(listId, ListRowState.Deleting);
        }

        await GrainFactory.GetGrain<IListGrain>(listId).DeleteAsync(UserId);
        await Lists.RemoveAsync(listId);
    }

    private static bool IsAfter(ListMeta list, ListCursor cursor) =>
        list.CreatedAt.UtcTicks < cursor.CreatedAtTicks
        || (list.CreatedAt.UtcTicks == cursor.CreatedAtTicks && string.CompareOrdinal(list.ListId, cursor.ListId) > 0);
}
