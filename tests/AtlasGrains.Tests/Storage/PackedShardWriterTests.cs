using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Storage;

/// <summary>
/// Two activations of one hot place (a stale one left on a silo cut off from the cluster, say) both write its packed
/// shards: the one that loaded first finds its view stale, reloads, and no member is lost or kept twice. Against the
/// shared Azurite, with the place's ledger itself rather than a grain, so that both writers are certain to overlap.
/// </summary>
public sealed class PackedShardWriterTests
{
    private const int PerWriter = RelationLedger.MaxChangesPerCommit;

    [Fact]
    public async Task A_writer_with_a_stale_view_of_the_chunks_reloads_and_every_member_is_kept_once()
    {
        var table = await PlaceLedgers.NewTableAsync();
        var placeId = $"packed{Guid.NewGuid():N}";
        var opening = PlaceLedgers.FirstMarks(PerWriter);
        await PlaceLedgers.New(table, placeId).CommitAsync(opening);

        var first = PlaceLedgers.New(table, placeId);
        var second = PlaceLedgers.New(table, placeId);
        await Task.WhenAll(first.LoadAsync(), second.LoadAsync());

        var firstMarks = PlaceLedgers.FirstMarks(PerWriter);
        var secondMarks = PlaceLedgers.FirstMarks(PerWriter);
        await first.CommitAsync(firstMarks);
        // The second writer's chunks and counts rows are one commit behind: its commit must not overwrite the first's.
        await second.CommitAsync([.. secondMarks, .. firstMarks[..10].Select(mark => mark with { Present = false, Version = 2 })]);
        await first.CommitAsync(opening[..5].Select(mark => mark with { Present = false, Version = 2 }).ToList());

        var reader = PlaceLedgers.New(table, placeId);
        await reader.LoadAsync();
        var expected = 3 * PerWriter - 10 - 5;
        Assert.Equal(expected, reader.Counts.BeenHere);

        var chunks = await table.QueryAsync<TableEntity>(row => row.PartitionKey.CompareTo(placeId) > 0).ToListAsync();
        var packed = chunks.Where(row => MemberChunks.IsRow(row.RowKey)).SelectMany(MemberChunks.Parse).ToList();
        Assert.Equal(3 * PerWriter, packed.Count);
        Assert.Equal(3 * PerWriter, packed.Select(member => member.MemberId).Distinct().Count());
        Assert.Equal(expected, packed.Count(member => member.Present));
    }
}
