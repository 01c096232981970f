using Azure;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// An owner's durable wake-up row, wherever it is stored: present while the owner may hold changes not yet delivered,
/// so a sweeper wakes it after any crash; removed once nothing is left.
/// </summary>
/// <remarks>
/// "Written" is remembered only to save a write per change while all goes well, and can be stale (a duplicate
/// activation may have removed the row). So whenever something is known to be left undelivered, the owner calls
/// <see cref="RenewAsync"/>, which writes the row whatever it remembers. Removal is guarded by the row's ETag: a row
/// written again since (by an owner that needs it) stays.
/// </remarks>
internal abstract class WakeUpEntry
{
    private ETag? _written;

    /// <summary>Writes (or rewrites) the row; answers its ETag.</summary>
    protected abstract Task<ETag> WriteRowAsync();

    /// <summary>Deletes the row if it still has this ETag; a row gone or written again is not an error.</summary>
    protected abstract Task DeleteRowAsync(ETag etag);

    public async Task EnsureWrittenAsync()
    {
        if (_written is null)
        {
            _written = await WriteRowAsync();
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
            await DeleteRowAsync(current);
        }
    }
}
