using System.Collections.Frozen;
using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;
using ListRow = (AtlasGrains.Abstractions.Lists.ListMeta Meta, AtlasGrains.Grains.Users.ListRowState State, Azure.ETag ETag);

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's lists: one "{user}|list|{id}" row each in the user's range (<see cref="UserRows"/>), holding the list's title, description
/// and visibility. This is the truth of which lists a user has (and so of the 500-list limit and of the
/// public list count); the list grain holds the items. A row is "creating" until its list grain exists and
/// "deleting" until its list grain has let go of its places, so a crash in between is finished later.
/// </summary>
internal sealed class UserListIndex(UserPartition partition, string userId, UserMetaRow meta, Func<Task> reloadPartition, TimeProvider clock)
{
    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    private string RowPrefix => UserRows.ListPrefix(userId);

    // Allocated with the first list: most active users have none, and an empty dictionary still costs 80 bytes.
    private Dictionary<string, ListRow>? _lists;

    private IReadOnlyDictionary<string, ListRow> Lists => (IReadOnlyDictionary<string, ListRow>?)_lists ?? FrozenDictionary<string, ListRow>.Empty;

    public int Count(bool includePrivate) =>
        Lists.Values.Count(list => list.State != ListRowState.Deleting && (includePrivate || list.Meta.IsPublic));

    /// <summary>Lists whose creation or deletion a crash may have cut short.</summary>
    public IReadOnlyList<(string ListId, ListRowState State)> Unfinished =>
        [.. Lists.Where(list => list.Value.State != ListRowState.Active).Select(list => (list.Key, list.Value.State))];

    public IEnumerable<string> ListIds => Lists.Where(list => list.Value.State != ListRowState.Deleting).Select(list => list.Key);

    public ListMeta? Get(string listId) =>
        Lists.TryGetValue(listId, out var list) && list.State != ListRowState.Deleting ? list.Meta : null;

    public ListRowState? StateOf(string listId) => Lists.TryGetValue(listId, out var list) ? list.State : null;

    public IEnumerable<ListMeta> All(bool includePrivate) => Lists.Values
        .Where(list => list.State != ListRowState.Deleting && (includePrivate || list.Meta.IsPublic))
        .Select(list => list.Meta);

    /// <summary>Whether the user's rows hold any list.</summary>
    public static bool AnyIn(IEnumerable<TableEntity> rows, string userId)
    {
        var prefix = UserRows.ListPrefix(userId);
        return rows.Any(row => row.RowKey.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Takes the lists from the user's rows (other rows are skipped).</summary>
    public void Load(IEnumerable<TableEntity> rows)
    {
        _lists?.Clear();
        var prefix = RowPrefix;
        foreach (var row in rows.Where(row => row.RowKey.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var listId = row.RowKey[prefix.Length..];
            var meta = new ListMeta(
                listId,
                userId,
                row.GetString("Title") ?? "",
                row.GetString("Description") ?? "",
                row.GetBoolean("IsPublic") ?? false,
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
                row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch);
            var state = Enum.TryParse<ListRowState>(row.GetString("State"), out var parsed) ? parsed : ListRowState.Active;
            (_lists ??= [])[listId] = (meta, state, row.ETag);
        }
    }

    public async Task<ListMeta> CreateAsync(string title, string description, bool isPublic)
    {
        var now = clock.GetUtcNow();
        var meta = new ListMeta(Guid.NewGuid().ToString("N"), userId, title, description, isPublic, now, now);
        await WriteAsync(meta, ListRowState.Creating, etag: null);
        return meta;
    }

    public Task<ListMeta> UpdateAsync(ListMeta meta, ListMetaEdit edit) => WriteAsync(
        meta with
        {
            Title = edit.Title ?? meta.Title,
            Description = edit.Description ?? meta.Description,
            IsPublic = edit.IsPublic ?? meta.IsPublic,
            UpdatedAt = clock.GetUtcNow(),
        },
        Lists[meta.ListId].State,
        Lists[meta.ListId].ETag);

    public Task SetStateAsync(string listId, ListRowState state) =>
        WriteAsync(Lists[listId].Meta, state, Lists[listId].ETag);

    public async Task RemoveAsync(string listId)
    {
        await WriteGuardedAsync(new TableTransactionAction(
            TableTransactionActionType.Delete, partition.Row(RowPrefix + listId), Lists[listId].ETag));
        _lists?.Remove(listId);
    }

    private async Task<ListMeta> WriteAsync(ListMeta list, ListRowState state, ETag? etag)
    {
        var row = new TableEntity(partition.PartitionKey, RowPrefix + list.ListId)
        {
            ["Title"] = list.Title,
            ["Description"] = list.Description,
            ["IsPublic"] = list.IsPublic,
            ["CreatedAt"] = list.CreatedAt,
            ["UpdatedAt"] = list.UpdatedAt,
            ["State"] = state.ToString(),
        };
        var written = await WriteGuardedAsync(etag is { } current
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current)
            : new TableTransactionAction(TableTransactionActionType.Add, row));
        (_lists ??= [])[list.ListId] = (list, state, written.Headers.ETag ?? ETag.All);
        return list;
    }

    /// <summary>
    /// Writes the list row together with the meta row (<see cref="UserMetaRow"/>), so no other activation wrote the
    /// user's rows meanwhile. A write that lost to another writer reloads them before the caller decides again.
    /// </summary>
    private async Task<Response> WriteGuardedAsync(TableTransactionAction listRow)
    {
        try
        {
            var response = await partition.SubmitAsync([meta.Write(meta.Sequence), listRow]);
            meta.Written(meta.Sequence, response);
            return response[1];
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            await reloadPartition();
            throw new StaleViewException(ex);
        }
    }
}
