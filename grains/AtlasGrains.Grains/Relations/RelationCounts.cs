using System.Collections.Immutable;
using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>How many members hold a thing, per kind of relation: the content of a counts row.</summary>
internal sealed record RelationCounts(ImmutableDictionary<RelationKind, int> ByKind)
{
    public static readonly RelationCounts None = new(ImmutableDictionary<RelationKind, int>.Empty);

    public int this[RelationKind kind] => ByKind.GetValueOrDefault(kind);

    public RelationCounts Add(RelationKind kind, int delta) => new(ByKind.SetItem(kind, this[kind] + delta));

    public RelationCounts Plus(RelationCounts other) =>
        other.ByKind.Aggregate(this, (sum, count) => sum.Add(count.Key, count.Value));

    public PlaceStats ToPlaceStats() => new(this[RelationKind.BeenHere], this[RelationKind.WantToGo], this[RelationKind.List]);

    public static RelationCounts Read(TableEntity row) => new(Enum.GetValues<RelationKind>()
        .ToImmutableDictionary(kind => kind, kind => row.GetInt32(RelationKeys.CountProperty(kind)) ?? 0));

    /// <summary>The counts row of <paramref name="scope"/> (a shard of a thing), stored in <paramref name="partitionKey"/>.</summary>
    public TableEntity ToRow(string partitionKey, string scope)
    {
        var row = new TableEntity(partitionKey, RelationKeys.Counts(scope));
        foreach (var (kind, count) in ByKind)
        {
            row[RelationKeys.CountProperty(kind)] = count;
        }

        return row;
    }
}
