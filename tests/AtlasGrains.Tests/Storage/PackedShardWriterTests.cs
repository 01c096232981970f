using System.Diagnostics.Metrics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        var table = await NewTableAsync();
        var placeId = $"packed{Guid.NewGuid():N}";
        var opening = Changes(PerWriter, version: 1);
        await NewLedger(table, placeId).CommitAsync(opening);

        var first = NewLedger(table, placeId);
        var second = NewLedger(table, placeId);
        await Task.WhenAll(first.LoadAsync(), second.LoadAsync());

        var firstMarks = Changes(PerWriter, version: 1);
        var secondMarks = Changes(PerWriter, version: 1);
        await first.CommitAsync(firstMarks);
        // The second writer's chunks and counts rows are one commit behind: its commit must not overwrite the first's.
        await second.CommitAsync([.. secondMarks, .. firstMarks[..10].Select(mark => mark with { Present = false, Version = 2 })]);
        await first.CommitAsync(opening[..5].Select(mark => mark with { Present = false, Version = 2 }).ToList());

        var reader = NewLedger(table, placeId);
        await reader.LoadAsync();
        var expected = 3 * PerWriter - 10 - 5;
        Assert.Equal(expected, reader.Counts.BeenHere);

        var chunks = await table.QueryAsync<TableEntity>(row => row.PartitionKey.CompareTo(placeId) > 0).ToListAsync();
        var packed = chunks.Where(row => MemberChunks.IsRow(row.RowKey)).SelectMany(MemberChunks.Parse).ToList();
        Assert.Equal(3 * PerWriter, packed.Count);
        Assert.Equal(3 * PerWriter, packed.Select(member => member.MemberId).Distinct().Count());
        Assert.Equal(expected, packed.Count(member => member.Present));
    }

    private static List<RelationChange> Changes(int count, long version) =>
        [.. Enumerable.Range(0, count).Select(_ => new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, version))];

    private static RelationLedger NewLedger(TableClient table, string placeId) => new(
        table,
        placeId,
        RelationShards.PerPlace,
        new AtlasMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        new PlaceRelationBuckets(Options.Create(new AtlasStorageOptions())));

    private static async Task<TableClient> NewTableAsync()
    {
        var service = TableServiceClients.Create((await Azurite.SharedAsync()).ConnectionString);
        var table = TableServiceClients.TableOf(service, $"packed{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }
}
