using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Xunit.Abstractions;

namespace AtlasGrains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ListLimitTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int EntityLimitBytes = 1024 * 1024;
    private const int PropertyLimitBytes = 64 * 1024;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_full_list_of_1000_items_stays_well_inside_the_entity_limits_and_refuses_the_1001st()
    {
        var owner = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        var meta = await owner.CreateListAsync("Everything", "", isPublic: true) ?? throw new InvalidOperationException("No list.");
        var list = Grains.GetGrain<IListGrain>(meta.ListId);
        // The longest ids a place can have (80 characters), and the longest notes: the worst case for the stored rows.
        var places = Enumerable.Range(0, 1001).Select(i => $"{new string('p', 66)}-{i:D4}-{Guid.NewGuid():N}"[..80]).ToArray();
        await Parallel.ForEachAsync(places, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (placeId, _) =>
            await Grains.GetGrain<IPlaceGrain>(placeId).CreateAsync(TestData.Details(), new UserRef("tester", "Tester")));
        var note = new string('n', 1000);

        foreach (var placeId in places.Take(1000))
        {
            Assert.Equal(ListChangeStatus.Done, (await list.PutItemAsync(meta.OwnerId, placeId, note)).Status);
        }

        var overflow = await list.PutItemAsync(meta.OwnerId, places[1000], note);

        Assert.Equal(ListChangeStatus.TooManyItems, overflow.Status);
        Assert.Equal(1000, (await list.GetContentsAsync())!.Items.Length);
        Assert.Equal(PlaceStats.Zero, await Grains.GetGrain<IPlaceGrain>(places[1000]).GetStatsAsync());
        // Only a reorder stores the whole order: the largest the meta row gets.
        Assert.Equal(ListChangeStatus.Done, (await list.ReorderAsync(meta.OwnerId, [.. places.Take(1000).Reverse()])).Status);
        var table = fixture.Cluster.Table("listitems");
        var metaRow = (await table.GetEntityAsync<TableEntity>(meta.ListId, "meta")).Value;
        var itemRow = (await table.GetEntityAsync<TableEntity>(meta.ListId, "item|" + places[0])).Value;
        output.WriteLine($"meta row of a full list: {StoredBytes(metaRow):N0} bytes, largest property {LargestProperty(metaRow):N0} bytes; item row: {StoredBytes(itemRow):N0} bytes");
        Assert.True(StoredBytes(metaRow) < EntityLimitBytes / 4);
        Assert.True(LargestProperty(metaRow) < PropertyLimitBytes);
        Assert.True(StoredBytes(itemRow) < PropertyLimitBytes);
    }

    [Fact]
    public async Task A_user_has_at_most_500_lists()
    {
        var owner = Grains.GetGrain<IUserGrain>(await TestData.CreateUserAsync(Grains));
        for (var i = 0; i < 500; i++)
        {
            Assert.NotNull(await owner.CreateListAsync($"List {i}", "", isPublic: i % 2 == 0));
        }

        Assert.Null(await owner.CreateListAsync("One too many", "", isPublic: true));
        Assert.Equal(new UserStats(0, 0, 500, 250), await owner.GetStatsAsync());
    }

    /// <summary>Table storage sizes: strings as UTF-16, 8 bytes for numbers and times, plus each property's name.</summary>
    private static int StoredBytes(TableEntity row) => row.Keys
        .Where(key => key is not ("odata.etag" or "Timestamp"))
        .Sum(key => key.Length * 2 + PropertyBytes(row[key]));

    private static int LargestProperty(TableEntity row) => row.Keys.Max(key => PropertyBytes(row[key]));

    private static int PropertyBytes(object? value) => value switch
    {
        string text => text.Length * 2 + 4,
        _ => 8,
    };
}
