using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;

namespace AtlasGrains.Tests.Faults;

/// <summary>The audit recounts from the tables; --repair fixes drift through the grains, and the recount then agrees.</summary>
public sealed class AuditTests
{
    [Fact]
    public async Task The_audit_finds_lost_and_invented_counts_and_repair_fixes_them_through_the_grains()
    {
        await using var cluster = await AtlasCluster.StartAsync();
        var grains = cluster.Grains;
        var (lost, inflated) = (await TestData.CreatePlaceAsync(grains), await TestData.CreatePlaceAsync(grains));
        var reader = await TestData.CreateUserAsync(grains);
        var list = await grains.GetGrain<IUserGrain>(reader).CreateListAsync("Audited", "", isPublic: true) ?? throw new InvalidOperationException();
        await grains.GetGrain<IUserGrain>(reader).SetMarkAsync(lost, MarkKind.BeenHere, true);
        await grains.GetGrain<IListGrain>(list.ListId).PutItemAsync(reader, inflated, null);
        // Swept, not only delivered: the damage below must look like drift, not like a delivery on its way.
        await new StoredTruth(cluster).WaitForOutboxSweptAsync(TimeSpan.FromSeconds(60));
        var audit = new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix);
        Assert.Empty((await audit.RunAsync()).Drifted);

        // Damage the derived side as a bug or a hand edit would: a place forgets a mark, another counts 5 lists too many.
        // Quiet places: everything is in their base shards, in their buckets.
        // The forgotten mark is one of the members the base counts row keeps (InlineMembers): it is taken out of there.
        var lostCounts = (await cluster.PlaceRelationsOf(lost).GetEntityAsync<TableEntity>(PlaceRelationBuckets.PartitionOf(lost), RelationKeys.Counts(lost))).Value;
        Assert.Contains(reader, lostCounts.GetString(InlineMembers.Property));
        lostCounts[InlineMembers.Property] = "";
        await cluster.PlaceRelationsOf(lost).UpdateEntityAsync(lostCounts, lostCounts.ETag, TableUpdateMode.Replace);
        var counts = (await cluster.PlaceRelationsOf(inflated).GetEntityAsync<TableEntity>(PlaceRelationBuckets.PartitionOf(inflated), RelationKeys.Counts(inflated))).Value;
        counts["Lists"] = 6;
        await cluster.PlaceRelationsOf(inflated).UpdateEntityAsync(counts, counts.ETag, TableUpdateMode.Replace);

        var damaged = await audit.RunAsync();
        Assert.Equal(new[] { inflated, lost }.Order(), damaged.Drifted.Select(place => place.PlaceId).Order());
        Assert.Contains(damaged.Drifted.Single(place => place.PlaceId == lost).Mismatches,
            mismatch => mismatch is { Kind: RelationKind.BeenHere, InTruth: true, InPlaceRows: false } && mismatch.MemberId == reader);

        await using (var tool = HostProcess.Start("Audit", ToolSettings(cluster)))
        {
            Assert.Equal(1, await tool.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("places audited: 2, with drift: 2", tool.Output);
            Assert.Contains("newsletters audited: 0, with drift: 0", tool.Output);
        }

        await using (var repair = HostProcess.Start("Audit", ToolSettings(cluster), arguments: "--repair"))
        {
            Assert.Equal(0, await repair.WaitForExitAsync(TimeSpan.FromSeconds(120)));
            Assert.Contains("repair: 1 relations sent again, 2 places recounted, 0 newsletters recounted", repair.Output);
        }

        Assert.Empty((await audit.RunAsync()).Drifted);
        Assert.Equal(new PlaceStats(1, 0, 0), await grains.GetGrain<IPlaceGrain>(lost).GetStatsAsync());
        Assert.Equal(new PlaceStats(0, 0, 1), await grains.GetGrain<IPlaceGrain>(inflated).GetStatsAsync());
    }

    internal static Dictionary<string, string> ToolSettings(AtlasCluster cluster) => new()
    {
        ["ConnectionStrings:Tables"] = cluster.ConnectionString,
        ["Storage:TablePrefix"] = cluster.Identity.TablePrefix,
        ["Orleans:ClusterId"] = cluster.Identity.ClusterId,
        ["Orleans:ServiceId"] = cluster.Identity.ServiceId,
    };
}
