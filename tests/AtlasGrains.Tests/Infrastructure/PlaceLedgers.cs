using System.Diagnostics.Metrics;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// A place's relation ledger on its own, outside any grain, in a fresh table of the shared Azurite: for tests that need
/// two writers of one place to overlap for certain (a stale activation next to a live one), which grains would serialize.
/// </summary>
internal static class PlaceLedgers
{
    public static async Task<TableClient> NewTableAsync()
    {
        var service = TableServiceClients.Create((await Azurite.SharedAsync()).ConnectionString);
        var table = TableServiceClients.TableOf(service, $"ledger{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }

    /// <param name="journals">Whether its base shard may store changes in the places' journal before its counts row, as a place grain's does.</param>
    public static RelationLedger New(TableClient table, string placeId, bool journals = false) => new(
        table,
        placeId,
        RelationShards.PerPlace,
        new AtlasMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        new PlaceRelationBuckets(Options.Create(new AtlasStorageOptions())),
        journals);

    /// <summary>"Been here" by that many new members, each the first change of its member (version 1).</summary>
    public static List<RelationChange> FirstMarks(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new RelationChange(RelationKind.BeenHere, TestData.UserId(), true, 1))];
}
