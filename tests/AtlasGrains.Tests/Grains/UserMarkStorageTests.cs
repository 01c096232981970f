using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Users;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A user's first marks live in its meta row, the rest in rows of their own (<see cref="InlineMarks"/>): a user past
/// the meta row's share keeps every mark, clears from either place, and reads them all back in a new activation.
/// </summary>
public sealed class UserMarkStorageTests
{
    [Fact]
    public async Task Marks_past_what_the_meta_row_holds_get_rows_and_all_of_them_survive_a_reload()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var grains = cluster.Grains;
        var userId = await TestData.CreateUserAsync(grains);
        var user = grains.GetGrain<IUserGrain>(userId);
        var places = await Task.WhenAll(Enumerable.Range(0, InlineMarks.Max + 3).Select(_ => TestData.CreatePlaceAsync(grains)));
        foreach (var placeId in places)
        {
            await user.SetMarkAsync(placeId, MarkKind.BeenHere, true);
        }

        Assert.Equal((InlineMarks.Max, 3), await StoredWhereAsync(cluster, userId));

        // Cleared from the meta row and from a row; the room made in the meta row takes the next new mark.
        var (inline, inRow) = (places[0], places[^1]);
        await user.SetMarkAsync(inline, MarkKind.BeenHere, false);
        await user.SetMarkAsync(inRow, MarkKind.BeenHere, false);
        var extra = await TestData.CreatePlaceAsync(grains);
        await user.SetMarkAsync(extra, MarkKind.BeenHere, true);
        Assert.Equal((InlineMarks.Max, 2), await StoredWhereAsync(cluster, userId));

        await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var expected = places.Except([inline, inRow]).Append(extra).ToHashSet();
        Assert.Equal(expected.Count, (await user.GetStatsAsync()).BeenHere);
        var page = await user.GetMarksAsync(MarkKind.BeenHere, after: null, limit: 1000);
        Assert.Equal(expected.Order(), page.Items.Select(mark => mark.PlaceId).Order());
        Assert.Equal(
            expected.Select(placeId => (userId, RelationKind.BeenHere, placeId)).ToHashSet(),
            (await new StoredTruth(cluster).MarksAsync()).Where(mark => mark.UserId == userId).ToHashSet());
        await new StoredTruth(cluster).WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));
        Assert.Empty((await new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix).RunAsync()).Drifted);
        Assert.Equal(new PlaceStats(0, 0, 0), await grains.GetGrain<IPlaceGrain>(inline).GetStatsAsync());
        Assert.Equal(new PlaceStats(1, 0, 0), await grains.GetGrain<IPlaceGrain>(extra).GetStatsAsync());
    }

    /// <summary>How many of the user's marks its meta row holds, and how many have rows of their own.</summary>
    private static async Task<(int InMeta, int InRows)> StoredWhereAsync(AtlasCluster cluster, string userId)
    {
        var rows = await cluster.UserMarksOf(userId)
            .QueryAsync<TableEntity>(row => row.PartitionKey == UserRows.PartitionOf(userId)
                && row.RowKey.CompareTo(UserRows.Start(userId)) >= 0 && row.RowKey.CompareTo(UserRows.End(userId)) < 0)
            .ToListAsync();
        var meta = rows.Single(row => row.RowKey == UserRows.Meta(userId));
        return (InlineMarks.Parse(meta.GetString(InlineMarks.Property)).Count(), rows.Count(row => UserRows.TryParseMark(row.RowKey, out _, out _, out _)));
    }
}
