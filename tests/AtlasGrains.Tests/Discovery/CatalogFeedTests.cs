using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Discovery;

namespace AtlasGrains.Tests.Discovery;

/// <summary>
/// A shard's feed hands a reader every change after its position, in order and at most as many as asked; a reader the
/// feed no longer covers (it wrapped past it, or the epoch is another) is told to reload, and to follow from where the
/// table stops holding the shard's changes.
/// </summary>
public sealed class CatalogFeedTests
{
    [Fact]
    public void A_reader_gets_the_changes_after_its_position_in_order_up_to_the_most_asked()
    {
        var feed = FeedOf(capacity: 8, changes: 5);

        var first = feed.After(feed.Epoch, 0, max: 3);
        var rest = feed.After(feed.Epoch, first.Position, max: 10);
        var none = feed.After(feed.Epoch, rest.Position, max: 10);

        Assert.Equal([1, 2, 3], Positions(first));
        Assert.Equal([4, 5], Positions(rest));
        Assert.Equal(["p4", "p5"], rest.Changes.Select(change => change.Stats!.PlaceId));
        Assert.True(none.Continuous);
        Assert.Empty(none.Changes);
        Assert.Equal(5, none.Position);
    }

    [Fact]
    public void Once_the_ring_wrapped_past_a_readers_position_it_is_told_to_reload_and_replay_all_it_holds()
    {
        var feed = FeedOf(capacity: 8, changes: 20);

        var covered = feed.After(feed.Epoch, 12, max: 100);
        var wrappedPast = feed.After(feed.Epoch, 11, max: 100);
        var anotherEpoch = feed.After(Guid.NewGuid(), 19, max: 100);
        var ahead = feed.After(feed.Epoch, 21, max: 100);

        Assert.True(covered.Continuous);
        Assert.Equal(Enumerable.Range(13, 8).Select(position => (long)position), Positions(covered));
        Assert.Equal(["p13", "p20"], new[] { covered.Changes[0], covered.Changes[^1] }.Select(change => change.Stats!.PlaceId));
        Assert.All([wrappedPast, anotherEpoch, ahead], changes =>
        {
            Assert.False(changes.Continuous);
            Assert.Empty(changes.Changes);
            // Nothing was stored: the reader replays every change the ring still holds (13 to 20).
            Assert.Equal(12, changes.Position);
        });
    }

    [Fact]
    public void A_reloading_reader_follows_from_where_the_table_stops_holding_the_changes()
    {
        var feed = FeedOf(capacity: 8, changes: 20);

        feed.Stored(18);
        var afterStore = feed.After(Guid.NewGuid(), 0, max: 100);
        var replayed = feed.After(feed.Epoch, afterStore.Position, max: 100);
        feed.Stored(15);
        var olderStoreIgnored = feed.After(Guid.NewGuid(), 0, max: 100);

        Assert.False(afterStore.Continuous);
        Assert.Equal(18, afterStore.Position);
        Assert.Equal([19, 20], Positions(replayed));
        Assert.Equal(18, olderStoreIgnored.Position);
    }

    private static CatalogFeed FeedOf(int capacity, int changes)
    {
        var feed = new CatalogFeed(capacity);
        for (var i = 1; i <= changes; i++)
        {
            feed.Append(place: null, new PlaceStatsUpdate($"p{i}", new PlaceStats(i, 0, 0)));
        }

        return feed;
    }

    private static long[] Positions(CatalogChanges changes) => [.. changes.Changes.Select(change => change.Position)];
}
