using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using static AtlasGrains.Tests.Discovery.IndexedPlaces;

namespace AtlasGrains.Tests.Discovery;

/// <summary>The index names the places changed since a stamp it gave, and says when it can't.</summary>
public sealed class PlaceIndexChangesTests
{
    [Fact]
    public void The_places_changed_since_a_stamp_are_those_whose_counts_or_facts_changed_after_it()
    {
        var index = With(Place("a"), Place("b"), Place("c"));
        var (stamp, _) = index.ChangesSince(IndexStamp.None, atMost: 10);

        index.Apply([
            new CatalogChange(1, null, new PlaceStatsUpdate("b", new PlaceStats(1, 0, 0))),
            new CatalogChange(2, Place("c", name: "Renamed") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) }, null),
            new CatalogChange(3, null, new PlaceStatsUpdate("b", new PlaceStats(2, 0, 0))),
        ]);

        var (now, changed) = index.ChangesSince(stamp, atMost: 10);
        Assert.Equal(["b", "c"], changed!.Order());
        Assert.Empty(index.ChangesSince(now, atMost: 10).Changed!);
    }

    [Fact]
    public void What_changes_nothing_is_not_a_change()
    {
        var index = With(Place("a", beenHere: 3));
        var (stamp, _) = index.ChangesSince(IndexStamp.None, atMost: 10);

        index.Apply([
            new CatalogChange(1, null, new PlaceStatsUpdate("a", new PlaceStats(3, 0, 0))),
            new CatalogChange(2, Place("a", name: "Older facts") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(-1) }, null),
        ]);

        Assert.Empty(index.ChangesSince(stamp, atMost: 10).Changed!);
    }

    [Fact]
    public void A_stamp_of_another_index_or_with_more_changes_since_than_asked_names_nothing()
    {
        var index = With(Place("a"), Place("b"));
        var (stamp, _) = index.ChangesSince(IndexStamp.None, atMost: 10);
        var (otherIndexStamp, _) = With(Place("a")).ChangesSince(IndexStamp.None, atMost: 10);

        index.Apply([
            new CatalogChange(1, null, new PlaceStatsUpdate("a", new PlaceStats(1, 0, 0))),
            new CatalogChange(2, null, new PlaceStatsUpdate("b", new PlaceStats(1, 0, 0))),
        ]);

        Assert.Null(index.ChangesSince(otherIndexStamp, atMost: 10).Changed);
        Assert.Null(index.ChangesSince(IndexStamp.None, atMost: 10).Changed);
        Assert.Null(index.ChangesSince(stamp, atMost: 1).Changed);
        Assert.Equal(["a", "b"], index.ChangesSince(stamp, atMost: 2).Changed!.Order());
    }
}
