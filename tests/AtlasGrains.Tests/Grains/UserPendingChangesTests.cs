using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Users;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A user's outbox as its meta row stores it: what a write stores, what it drops, what a reload takes back, and the
/// bound that keeps the row under storage's property limit.
/// </summary>
public sealed class UserPendingChangesTests
{
    private const string User = "u1";

    [Fact]
    public void A_write_stores_the_unconfirmed_changes_with_the_new_one_and_drops_the_confirmed()
    {
        var outbox = new UserPendingChanges(User);
        var first = Change("bh|a", "a", present: true, version: 1);
        var second = Change("wtg|b", "b", present: false, version: 2);
        outbox.Load(outbox.ToStore(first));
        outbox.Stored(added: second, wakeUp: null);
        outbox.Confirm(second);

        var stored = outbox.ToStore(Change("bh|c", "c", present: true, version: 3));

        var read = UserPendingChanges.Parse(stored, User).ToList();
        Assert.Equal(["bh|a", "bh|c"], read.Select(entry => entry.Key));
        Assert.Equal(new RelationChange(RelationKind.BeenHere, User, true, 1), read[0].Change);
        Assert.All(read, entry => Assert.False(entry.Confirmed));
    }

    [Fact]
    public void A_newer_change_replaces_the_entry_for_its_relation()
    {
        var outbox = new UserPendingChanges(User);
        outbox.Stored(Change("bh|a", "a", present: true, version: 1), wakeUp: null);

        var stored = outbox.ToStore(Change("bh|a", "a", present: false, version: 2));

        var entry = Assert.Single(UserPendingChanges.Parse(stored, User));
        Assert.Equal(new RelationChange(RelationKind.BeenHere, User, false, 2), entry.Change);
    }

    [Fact]
    public void A_confirmed_change_leaves_memory_at_once_and_the_next_write_leaves_it_out()
    {
        var outbox = new UserPendingChanges(User);
        var delivered = Change("bh|a", "a", present: true, version: 1);
        var undelivered = Change("bh|b", "b", present: true, version: 2);
        outbox.Stored(delivered, wakeUp: null);
        outbox.Stored(undelivered, wakeUp: null);
        Assert.False(outbox.StoredRowHoldsConfirmed);

        outbox.Confirm(delivered);

        Assert.True(outbox.StoredRowHoldsConfirmed);
        Assert.Null(outbox.UnconfirmedFor("bh|a"));
        Assert.Equal(["bh|b"], outbox.Unconfirmed.Select(entry => entry.Key));
        Assert.Equal(["bh|b"], UserPendingChanges.Parse(outbox.ToStore(adding: null), User).Select(entry => entry.Key));
        outbox.Stored(added: null, wakeUp: null);
        Assert.False(outbox.StoredRowHoldsConfirmed);
    }

    [Fact]
    public void A_reload_takes_every_stored_change_as_unconfirmed()
    {
        // What this activation saw confirmed is forgotten: delivering it again is a no-op for its place.
        var outbox = new UserPendingChanges(User);
        var delivered = Change("bh|a", "a", present: true, version: 1);
        outbox.Stored(delivered, wakeUp: null);
        outbox.Stored(Change("bh|b", "b", present: true, version: 2), wakeUp: null);
        outbox.Confirm(delivered);

        outbox.Load("bh|a|1|1\nbh|b|1|2\n");

        Assert.Equal(["bh|a", "bh|b"], outbox.Unconfirmed.Select(entry => entry.Key).Order());
        Assert.False(outbox.StoredRowHoldsConfirmed);
    }

    [Fact]
    public void Nothing_to_store_leaves_no_property_and_a_full_outbox_refuses_new_changes()
    {
        var outbox = new UserPendingChanges(User);
        Assert.Null(outbox.ToStore(adding: null));

        for (var version = 1; version <= UserPendingChanges.MaxEntries; version++)
        {
            outbox.Stored(Change($"bh|p{version}", $"p{version}", present: true, version), wakeUp: null);
        }

        Assert.Throws<OrleansException>(() => outbox.ToStore(Change("bh|new", "new", present: true, version: 999)));
        // Storage's limit is 64 KiB a property; place ids are at most 80 characters.
        var longest = new string('x', 80);
        var full = new UserPendingChanges(User);
        for (var version = 1; version <= UserPendingChanges.MaxEntries; version++)
        {
            full.Stored(Change($"wtg|{longest}{version}", longest + version, present: true, long.MaxValue - version), wakeUp: null);
        }

        Assert.InRange(full.ToStore(adding: null)!.Length * sizeof(char), 1, 64 * 1024);
    }

    private static PendingDelivery Change(string key, string placeId, bool present, long version) =>
        new(key, placeId, new RelationChange(key.StartsWith("bh", StringComparison.Ordinal) ? RelationKind.BeenHere : RelationKind.WantToGo, User, present, version), Confirmed: false);
}
