using System.Collections.Frozen;
using AtlasGrains.Grains.Diagnostics;

namespace AtlasGrains.Grains.Outbox;

/// <summary>
/// An owner's outbox in memory, wherever it is stored (a list's rows, <see cref="RelationOutbox"/>; a user's meta row,
/// <see cref="Users.UserPendingChanges"/>): for each relation, the newest change stored for its place, and whether the
/// place confirmed it (unless the owner forgets confirmed changes at once, <see cref="ForgetsConfirmed"/>). Counts the
/// unconfirmed ones in the backlog metric.
/// </summary>
internal abstract class OutboxEntries(AtlasMetrics? metrics)
{
    // Both allocated only when needed: most owners hold no outbox entries, and an empty dictionary costs 80 bytes.
    private Dictionary<string, PendingDelivery>? _entries;
    private Dictionary<string, long>? _confirmedBeforeReload;
    private int _reportedBacklog;

    protected IReadOnlyDictionary<string, PendingDelivery> Entries =>
        (IReadOnlyDictionary<string, PendingDelivery>?)_entries ?? FrozenDictionary<string, PendingDelivery>.Empty;

    public bool HasUnconfirmed => Entries.Values.Any(entry => !entry.Confirmed);

    public IReadOnlyList<PendingDelivery> Unconfirmed => [.. Entries.Values.Where(entry => !entry.Confirmed)];

    public PendingDelivery? UnconfirmedFor(string key) =>
        Entries.TryGetValue(key, out var entry) && !entry.Confirmed ? entry : null;

    /// <summary>
    /// Whether a confirmed change leaves memory at once, rather than staying, marked confirmed, until the owner's next
    /// write drops it from storage: for an owner that needs nothing of it in memory meanwhile.
    /// </summary>
    protected virtual bool ForgetsConfirmed => false;

    /// <summary>Notes that the place applied this change (at this version: a newer one stays unconfirmed).</summary>
    public void Confirm(PendingDelivery delivered)
    {
        if (_entries is not null && _entries.TryGetValue(delivered.Key, out var entry) && entry.Change.Version == delivered.Change.Version)
        {
            if (ForgetsConfirmed)
            {
                Remove([delivered.Key]);
            }
            else
            {
                _entries[delivered.Key] = entry with { Confirmed = true };
                ReportBacklog();
            }

            Confirmed();
        }
    }

    /// <summary>Stops counting this outbox in the backlog metric (the activation is going away; what is stored stays).</summary>
    public void Release()
    {
        metrics?.OutboxBacklogChanged(-_reportedBacklog);
        _reportedBacklog = 0;
    }

    /// <summary>Called after a confirmation was noted.</summary>
    protected virtual void Confirmed()
    {
    }

    /// <summary>
    /// Forgets the entries before they are loaded again, but remembers which versions their places confirmed: an entry
    /// read back with the same version needs no second delivery.
    /// </summary>
    protected void ForgetBeforeReload()
    {
        var confirmed = Entries.Values.Where(entry => entry.Confirmed).ToList();
        _confirmedBeforeReload = confirmed.Count == 0 ? null : confirmed.ToDictionary(entry => entry.Key, entry => entry.Change.Version);
        _entries = null;
        ReportBacklog();
    }

    /// <summary>Takes a stored entry into memory: unconfirmed (it may never have reached its place) unless confirmed before a reload.</summary>
    protected void LoadEntry(PendingDelivery stored)
    {
        var confirmed = _confirmedBeforeReload?.TryGetValue(stored.Key, out var version) == true && version == stored.Change.Version;
        Put(stored with { Confirmed = confirmed });
    }

    protected void Put(PendingDelivery entry)
    {
        (_entries ??= [])[entry.Key] = entry;
        ReportBacklog();
    }

    protected void Remove(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _entries?.Remove(key);
        }

        // An empty dictionary still costs a couple of hundred bytes, for every owner that ever had an entry.
        if (_entries is { Count: 0 })
        {
            _entries = null;
        }

        ReportBacklog();
    }

    private void ReportBacklog()
    {
        var backlog = Entries.Values.Count(entry => !entry.Confirmed);
        metrics?.OutboxBacklogChanged(backlog - _reportedBacklog);
        _reportedBacklog = backlog;
    }
}
