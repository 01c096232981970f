using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Tests.Discovery;

/// <summary>A list's place ids in one string (<see cref="PlaceIdList"/>) give back the ids they were made of, in order.</summary>
public sealed class PlaceIdListTests
{
    [Fact]
    public void The_ids_come_back_in_order_and_counted()
    {
        string[] ids = ["statue-of-unity", "a", "the-long-one-2", "a"];
        var list = PlaceIdList.Of(ids);

        Assert.Equal(4, list.Count);
        Assert.Equal(ids, list.Ranges().Select(range => list.Joined[range]));
    }

    [Fact]
    public void No_ids_are_none()
    {
        var list = PlaceIdList.Of([]);

        Assert.Equal(0, list.Count);
        Assert.Empty(list.Ranges());
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("")]
    public void An_id_that_would_break_the_list_apart_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => PlaceIdList.Of(["fine", id]));
}
