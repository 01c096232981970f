using System.Text;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Users;

/// <summary>
/// A user's outbox: for each relation, the newest change its place may not have applied. It is stored in the user's
/// meta row (<see cref="UserMetaRow"/>, property "Pending"), which every change rewrites anyway, so a change costs no
/// outbox row and no later delete of one. Every write of the meta row stores the entries not confirmed yet; confirmed
/// ones are dropped then (their places have them), or by the write as the activation goes away.
/// What wakes the user after a crash is the wake-up row of the transaction that stored the change
/// (<see cref="BatchWakeUp"/>). The user holds a claim on the newest such row while anything is unconfirmed: that row
/// names the user, and the meta row it was stored with carries every unconfirmed entry, so older rows are released.
/// Memory holds the stored entries not confirmed yet. A confirmed one leaves memory at once (nothing needs it there,
/// and every user who marked would keep one until the next write); <see cref="StoredRowHoldsConfirmed"/> remembers
/// that the stored row still holds it. Read back after a reload, it counts as unconfirmed and goes to its place
/// again, a no-op there.
/// </summary>
internal sealed class UserPendingChanges(string userId, AtlasMetrics? metrics = null) : OutboxEntries(metrics)
{
    public const string Property = "Pending";

    /// <summary>
    /// At most this many entries, so the property stays well under storage's 64 KiB: an entry is at most about 100
    /// characters (stored as UTF-16). Only a user whose places stayed unreachable through this many changes gets there.
    /// </summary>
    public const int MaxEntries = 250;

    // The claim on the newest wake-up row naming this user, held while anything is unconfirmed.
    private WakeUpClaim? _wakeUp;

    protected override bool ForgetsConfirmed => true;

    /// <summary>
    /// Whether the stored meta row still holds changes the places confirmed since, which a write of it would drop
    /// (<see cref="UserMarkLedger.DropConfirmedAsync"/>).
    /// </summary>
    public bool StoredRowHoldsConfirmed { get; private set; }

    /// <summary>
    /// Takes the entries of a meta row just read (none when it has no property), all unconfirmed: they may never have
    /// reached their places, and the ones this activation saw confirmed it has forgotten.
    /// </summary>
    public void Load(string? stored)
    {
        ForgetBeforeReload();
        StoredRowHoldsConfirmed = false;
        foreach (var entry in Parse(stored, userId))
        {
            LoadEntry(entry);
        }
    }

    /// <summary>
    /// What the next write of the meta row stores: the unconfirmed entries, with <paramref name="adding"/> in place of
    /// any entry for its relation; null when nothing is left. Throws when the user already holds too many.
    /// </summary>
    public string? ToStore(PendingDelivery? adding)
    {
        var kept = Entries.Values.Where(entry => !entry.Confirmed && entry.Key != adding?.Key).ToList();
        if (adding is not null && kept.Count >= MaxEntries)
        {
            throw new OrleansException(
                $"{kept.Count} changes of this user are still waiting for their places; new ones are refused until they are delivered.");
        }

        if (adding is not null)
        {
            kept.Add(adding);
        }

        return kept.Count == 0 ? null : Format(kept);
    }

    /// <summary>
    /// Records that the meta row was stored as <see cref="ToStore"/> built it: confirmed entries are gone from it, and
    /// <paramref name="added"/> is in. <paramref name="wakeUp"/> is the claim on the wake-up row stored with it, if the
    /// write asked for one: it covers every unconfirmed entry, so the claim held before is released.
    /// </summary>
    public void Stored(PendingDelivery? added, WakeUpClaim? wakeUp)
    {
        StoredRowHoldsConfirmed = false;
        if (added is not null)
        {
            Put(added);
        }

        if (wakeUp is not null)
        {
            _wakeUp?.Release();
            _wakeUp = wakeUp;
        }

        ReleaseWakeUpWhenDone();
    }

    /// <summary>A confirmed entry left memory, but not the stored row.</summary>
    protected override void Confirmed()
    {
        StoredRowHoldsConfirmed = true;
        ReleaseWakeUpWhenDone();
    }

    /// <summary>
    /// Once nothing is unconfirmed, the wake-up row is released. (One still claimed as the activation goes away stays
    /// stored: it is what brings the user back to deliver.)
    /// </summary>
    private void ReleaseWakeUpWhenDone()
    {
        if (!HasUnconfirmed)
        {
            _wakeUp?.Release();
            _wakeUp = null;
        }
    }

    /// <summary>One line per entry: "{bh|wtg}|{place}|{1|0}|{version}" (place ids never hold "|", see <see cref="UserRows"/>).</summary>
    private static string Format(IEnumerable<PendingDelivery> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(entry.Key).Append('|').Append(entry.Change.Present ? '1' : '0').Append('|').Append(entry.Change.Version).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The entries a stored meta row's property holds, all unconfirmed; the audit reads them too.</summary>
    public static IEnumerable<PendingDelivery> Parse(string? stored, string userId)
    {
        foreach (var line in (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split('|') is [var code, var placeId, var present, var version]
                && MarkKey.TryParseCode(code) is { } kind
                && long.TryParse(version, out var number))
            {
                var key = new MarkKey(kind, placeId);
                yield return new PendingDelivery(key.OutboxKey, placeId, new RelationChange(key.RelationKind, userId, present == "1", number), Confirmed: false);
            }
        }
    }
}
