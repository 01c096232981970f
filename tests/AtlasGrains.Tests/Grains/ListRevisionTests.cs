using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Lists;
using AtlasGrains.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtlasGrains.Tests.Grains;

/// <summary>
/// A caller that names the revision of the contents it holds is sent only the items added since, and only while the
/// items were only added: after anything else (a removal, a note, a reorder, another activation) it gets them all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListRevisionTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_caller_holding_the_contents_gets_only_the_items_added_since()
    {
        var (owner, list, places) = await NewListAsync(places: 5);
        foreach (var placeId in places[..3])
        {
            await list.PutItemAsync(owner, placeId, null);
        }

        var held = (await list.GetContentsAsync())!;
        var added = (await list.PutItemAsync(owner, places[3], "fourth", held.Revision)).Contents!;
        await list.PutItemAsync(owner, places[4], null);

        Assert.Equal(3, added.KeptItemCount);
        Assert.Equal([places[3]], Ids(added));
        Assert.Equal("fourth", added.Items[0].Note);
        var since = (await list.GetContentsAsync(held.Revision))!;
        Assert.Equal(3, since.KeptItemCount);
        Assert.Equal(places[3..], Ids(since));
        var current = (await list.GetContentsAsync(since.Revision))!;
        Assert.Equal((5, 0), (current.KeptItemCount, current.Items.Length));
        var everything = (await list.GetContentsAsync())!;
        Assert.Equal(0, everything.KeptItemCount);
        Assert.Equal(places, Ids(everything));
    }

    [Fact]
    public async Task After_a_removal_a_note_a_reorder_or_a_new_activation_a_held_revision_gets_every_item()
    {
        var (owner, list, places) = await NewListAsync(places: 3);
        foreach (var placeId in places)
        {
            await list.PutItemAsync(owner, placeId, null);
        }

        Func<Task>[] changes =
        [
            () => list.PutItemAsync(owner, places[0], "a new note"),
            () => list.ReorderAsync(owner, [places[2], places[0], places[1]]),
            () => list.RemoveItemAsync(owner, places[1]),
            () => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero),
        ];
        foreach (var change in changes)
        {
            var held = (await list.GetContentsAsync())!.Revision;
            await change();

            var answer = (await list.GetContentsAsync(held))!;

            Assert.Equal(0, answer.KeptItemCount);
            Assert.Equal(Ids((await list.GetContentsAsync())!), Ids(answer));
        }
    }

    [Fact]
    public async Task The_gateways_copy_completed_with_each_answer_is_always_the_lists_contents()
    {
        var (owner, list, places) = await NewListAsync(places: 8);
        using var copies = NewCopies();
        var random = new Random(7);
        for (var step = 0; step < 60; step++)
        {
            var held = copies.Held(list.GetPrimaryKeyString());
            var revision = held?.Revision ?? ListRevision.None;
            var placeId = places[random.Next(places.Length)];
            var outcome = random.Next(10) switch
            {
                < 6 => await list.PutItemAsync(owner, placeId, random.Next(3) == 0 ? $"note {step}" : null, revision),
                < 8 => await list.RemoveItemAsync(owner, placeId, revision),
                _ => await list.ReorderAsync(owner, [.. (await list.GetContentsAsync())!.Items.Select(item => item.PlaceId).Reverse()], revision),
            };

            var copy = (await copies.CompleteAsync(list.GetPrimaryKeyString(), held, outcome.Contents))!;

            Assert.Equal((await list.GetContentsAsync())!.Items, copy.Items);
        }
    }

    [Fact]
    public async Task A_copy_that_does_not_match_the_answer_is_dropped_and_the_list_read_whole()
    {
        var (owner, list, places) = await NewListAsync(places: 2);
        foreach (var placeId in places)
        {
            await list.PutItemAsync(owner, placeId, null);
        }

        using var copies = NewCopies();
        var wrong = new ListContents(list.GetPrimaryKeyString(), owner, [], DateTimeOffset.UnixEpoch);
        var answer = (await list.GetContentsAsync())! with { Items = [], KeptItemCount = 2 };

        var completed = await copies.CompleteAsync(list.GetPrimaryKeyString(), wrong, answer);

        Assert.Equal(places, Ids(completed!));
        Assert.Equal(places, Ids(copies.Held(list.GetPrimaryKeyString())!));
    }

    private async Task<(string Owner, IListGrain List, string[] Places)> NewListAsync(int places)
    {
        var owner = await TestData.CreateUserAsync(Grains);
        var meta = await Grains.GetGrain<IUserGrain>(owner).CreateListAsync("Revisions", "", isPublic: true) ?? throw new InvalidOperationException("No list.");
        var placeIds = new string[places];
        for (var i = 0; i < placeIds.Length; i++)
        {
            placeIds[i] = await TestData.CreatePlaceAsync(Grains);
        }

        return (owner, Grains.GetGrain<IListGrain>(meta.ListId), placeIds);
    }

    private ListContentsCache NewCopies() => new(Grains, NullLogger<ListContentsCache>.Instance);

    private static string[] Ids(ListContents contents) => [.. contents.Items.Select(item => item.PlaceId)];
}
