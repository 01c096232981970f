using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using static AtlasGrains.Tests.Discovery.IndexedPlaces;

namespace AtlasGrains.Tests.Discovery;

public sealed class PlaceIndexTests
{
    [Fact]
    public void Random_draws_are_uniform_over_all_places()
    {
        const int Places = 50;
        const int Draws = 10_000;
        var index = With([.. Enumerable.Range(0, Places).Select(i => Place($"p{i}"))]);

        var counts = Enumerable.Range(0, Draws).Select(_ => index.RandomId()!).CountBy(id => id).ToDictionary();

        // Chi-square with 49 degrees of freedom: above 111.6 happens with probability 1e-6 for a uniform draw.
        var expected = (double)Draws / Places;
        var chiSquare = Enumerable.Range(0, Places).Sum(i => Math.Pow(counts.GetValueOrDefault($"p{i}") - expected, 2) / expected);
        Assert.Equal(Places, counts.Count);
        Assert.True(chiSquare < 111.6, $"chi-square {chiSquare:F1}: the draws are not uniform");
    }

    [Fact]
    public void Search_folds_case_and_accents_and_matches_prefixes_of_three_letters()
    {
        var index = With(
            Place("hallgrimskirkja", name: "Hallgrímskirkja", city: "Reykjavík", country: "Iceland", tags: ["churches"]),
            Place("big-almaty-lake", name: "Big Almaty Lake", country: "Kazakhstan", tags: ["lakes"]));

        Assert.Equal(["hallgrimskirkja"], Ids(index.Search("reykjavik", 10)));
        Assert.Equal(["hallgrimskirkja"], Ids(index.Search("HALLGRIMSKIRKJA", 10)));
        Assert.Equal(["big-almaty-lake"], Ids(index.Search("almaty", 10)));
        Assert.Equal(["big-almaty-lake"], Ids(index.Search("alm", 10)));
        Assert.Empty(index.Search("al", 10));
        Assert.Equal(["hallgrimskirkja"], Ids(index.Search("Church Icel", 10)));
        Assert.Empty(index.Search("almaty iceland", 10));
        Assert.Empty(index.Search("zzzz", 10));
        Assert.Empty(index.Search("?!", 10));
    }

    [Fact]
    public void Search_ranks_a_match_in_the_name_above_one_in_the_subtitle()
    {
        var index = With(
            Place("subtitle-match", name: "Old mill", subtitle: "Near the lighthouse"),
            Place("name-match", name: "Lighthouse of Alexandria"),
            Place("no-match", name: "Bridge"));

        Assert.Equal(["name-match", "subtitle-match"], Ids(index.Search("lighthouse", 10)));
    }

    [Fact]
    public void Popular_latest_and_tag_pages_follow_their_order_and_page_without_repeats()
    {
        var places = Enumerable.Range(0, 25).Select(i => Place(
            $"p{i:D2}", tags: ["caves"], beenHere: i % 5, publishedAt: DateTimeOffset.UnixEpoch.AddDays(i))).ToArray();
        var index = With(places);

        var popular = AllPages(after => index.Browse(PlaceOrder.Popular, after, 7));
        var latest = AllPages(after => index.Browse(PlaceOrder.Latest, after, 7));
        var tagged = AllPages(after => index.Tagged("CAVES", after, 7)!);

        Assert.Equal(places.OrderByDescending(place => place.Popularity).ThenBy(place => place.Id, StringComparer.Ordinal).Select(place => place.Id), popular);
        Assert.Equal(places.OrderByDescending(place => place.PublishedAt).Select(place => place.Id), latest);
        Assert.Equal(popular, tagged);
    }

    [Fact]
    public void New_counts_move_a_place_in_the_popular_order()
    {
        var index = With(Place("a", beenHere: 3), Place("b", beenHere: 2));

        index.Apply([new CatalogChange(1, null, new PlaceStatsUpdate("b", new PlaceStats(2, 5, 0)))]);

        Assert.Equal(["b", "a"], Ids(index.Browse(PlaceOrder.Popular, null, 10).Items));
        Assert.Equal(7, index.Browse(PlaceOrder.Popular, null, 1).Items[0].Popularity);
    }

    [Fact]
    public void New_counts_move_a_place_in_its_country_and_tags_and_every_view_shows_them()
    {
        var index = With(
            Place("a", latitude: 1, country: "Iceland", tags: ["caves"], beenHere: 3, publishedAt: DateTimeOffset.UnixEpoch.AddDays(2)),
            Place("b", latitude: 2, name: "Basalt columns", country: "Iceland", tags: ["caves", "lakes"], beenHere: 2, publishedAt: DateTimeOffset.UnixEpoch.AddDays(1)),
            Place("c", latitude: 3, country: "Iceland", tags: ["lakes"], beenHere: 4));

        index.Apply([
            new CatalogChange(1, null, new PlaceStatsUpdate("b", new PlaceStats(2, 5, 0))),
            new CatalogChange(2, null, new PlaceStatsUpdate("c", new PlaceStats(4, 0, 1))),
        ]);

        Assert.Equal(["b", "c", "a"], Ids(index.Destination("Iceland", null, 10)!.Places.Items));
        Assert.Equal(["b", "a"], Ids(index.Tagged("caves", null, 10)!.Items));
        Assert.Equal(["b", "c"], Ids(index.Tagged("lakes", null, 10)!.Items));
        Assert.Equal(["a", "b", "c"], Ids(index.Browse(PlaceOrder.Latest, null, 10).Items));
        Assert.Equal(new PlaceStats(2, 5, 0), index.Nearest(new(2, 0), 1, 1, null).Single().Place.Stats);
        Assert.Equal(new PlaceStats(4, 0, 1), index.Find(["c"]).Single()!.Stats);
        Assert.Equal(new PlaceStats(2, 5, 0), index.Search("basalt", 1).Single().Stats);
    }

    [Fact]
    public void Related_places_share_the_most_tags_first()
    {
        var index = With(
            Place("self", tags: ["caves", "lakes", "ruins"]),
            Place("two", tags: ["Caves", "lakes"]),
            Place("one-popular", tags: ["ruins"], beenHere: 9),
            Place("one", tags: ["caves"]),
            Place("none", tags: ["bridges"]));

        Assert.Equal(["two", "one-popular", "one"], Ids(index.Related("self", ["caves", "lakes", "ruins"], 10)));
    }

    [Fact]
    public void Destinations_count_places_per_country_and_follow_country_edits()
    {
        var index = With(Place("a", country: "Kazakhstan"), Place("b", country: "kazakhstan"), Place("c", country: "Iceland"));
        var moved = Place("b", country: "Iceland") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };

        Assert.Equal([("Iceland", 1), ("Kazakhstan", 2)], index.Destinations().Select(destination => (destination.Country, destination.PlaceCount)));
        index.Apply([new CatalogChange(1, moved, null)]);

        Assert.Equal([("Iceland", 2), ("Kazakhstan", 1)], index.Destinations().Select(destination => (destination.Country, destination.PlaceCount)));
        Assert.Equal(["b", "c"], Ids(index.Destination("ICELAND", null, 10)!.Places.Items).Order(StringComparer.Ordinal));
        Assert.Null(index.Destination("Atlantis", null, 10));
    }

    [Fact]
    public void Older_facts_never_replace_newer_ones()
    {
        var index = With(Place("a", name: "New name") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(2) });

        index.Apply([new CatalogChange(1, Place("a", name: "Old name") with { UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) }, null)]);

        Assert.Equal(["a"], Ids(index.Search("new", 10)));
        Assert.Empty(index.Search("old", 10));
    }

    private static IEnumerable<string> Ids(IEnumerable<PlaceSummary> places) => places.Select(place => place.Id);

    private static List<string> AllPages(Func<PagePosition?, PlaceSlice> page)
    {
        var ids = new List<string>();
        PagePosition? after = null;
        do
        {
            var slice = page(after);
            ids.AddRange(slice.Items.Select(place => place.Id));
            after = slice.Next;
        }
        while (after is not null);
        return ids;
    }
}
