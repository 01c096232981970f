using AtlasGrains.Grains.Storage;
using Azure;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's durable wake-up: the row "~wake|{user}" in the user's bucket (<see cref="UserRows"/>), present while the
/// user may hold changes its places have not applied, or lists half created or deleted. The pending-owners sweeper
/// reads each bucket's wake-up rows older than the retry period and asks those users to reconcile. Written in the
/// same transaction as the user's first change (so a crash right after it still leaves the wake-up: it can't be
/// missing), or on its own before work that spans several writes; removed once nothing is left.
/// </summary>
/// <remarks>
/// "Written" is remembered only to save a write per change while all goes well, and can be stale (a duplicate
/// activation may have removed the row). So whenever something is known to be left undelivered, the user calls
/// <see cref="RenewAsync"/>, which writes the row whatever it remembers. Removal is guarded by the row's ETag: a row
/// written again since (by an activation that needs it) stays.
/// </remarks>
internal sealed class UserWakeRow(UserPartition partition, string userId)
{
    private ETag? _written;

    /// <summary>Built when needed, not kept: every active user would hold a copy.</summary>
    private string RowKey => UserRows.Wake(userId);

    /// <summary>Adds the row's write to a unit about to be submitted, unless this activation wrote it; the action's index, or -1.</summary>
    public int AddTo(List<TableTransactionAction> actions)
    {
        if (_written is not null)
        {
            return -1;
        }

        actions.Add(Upsert());
        return actions.Count - 1;
    }

    /// <summary>Records that the unit it was added to (at <paramref name="index"/>) landed.</summary>
    public void Written(IReadOnlyList<Response> responses, int index)
    {
        if (index >= 0)
        {
            _written = responses[index].Headers.ETag ?? ETag.All;
        }
    }

    public async Task EnsureWrittenAsync()
    {
        if (_written is null)
        {
            Written(await partition.SubmitAsync([Upsert()]), 0);
        }
    }

    /// <summary>Writes the row again, best effort: it runs when something already went wrong, whose error is what the caller reports.</summary>
    public async Task RenewAsync()
    {
        _written = null;
        try
        {
            await EnsureWrittenAsync();
        }
        catch (Exception)
        {
            // See above; the next activation, or the next failure, writes it again.
        }
    }

    /// <summary>Removes the row this activation wrote, else the one the sweeper saw (<paramref name="seenBySweeper"/>).</summary>
    public async Task RemoveAsync(string? seenBySweeper = null)
    {
        var etag = _written ?? (seenBySweeper is null ? null : new ETag(seenBySweeper));
        // Forgotten first: a removal whose answer is lost may still have happened.
        _written = null;
        if (etag is not { } current)
        {
            return;
        }

        try
        {
            await partition.SubmitAsync([new TableTransactionAction(TableTransactionActionType.Delete, partition.Row(RowKey), current)]);
        }
        catch (Exception ex) when (TableErrors.IsStaleView(ex))
        {
            // Gone already, or written again since by an activation that needs it: either way not ours to remove.
        }
    }

    private TableTransactionAction Upsert() => new(TableTransactionActionType.UpsertReplace, partition.Row(RowKey));
}
