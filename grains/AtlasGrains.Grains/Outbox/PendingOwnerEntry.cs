using Azure;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// An owner's durable wake-up: its row in the <see cref="PendingOwners"/> journal. Written before the owner stores
/// a change it must deliver, so a crash right after the store still leaves something that wakes it up; removed once
/// nothing is left to deliver.
/// </summary>
/// <remarks>
/// "Written" is remembered only to save a journal write per change while all goes well, and can be stale (a
/// duplicate activation may have removed the row). So whenever something is known to be left undelivered, the
/// owner calls <see cref="RenewAsync"/>, which writes the row whatever it remembers. Removal is guarded by the row's
/// ETag: a row written again since (by an owner that needs it) stays.
/// </remarks>
internal sealed class PendingOwnerEntry(PendingOwners journal, string ownerKey)
{
    private ETag? _written;

    public async Task EnsureWrittenAsync()
    {
        if (_written is null)
        {
            _written = await journal.AddAsync(ownerKey);
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
        if (etag is { } current)
        {
            await journal.RemoveAsync(ownerKey, current);
        }
    }
}
