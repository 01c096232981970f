using AtlasGrains.Abstractions.Places;
using Azure.Data.Tables;

namespace AtlasGrains.Grains.Relations;

/// <summary>
/// How many members hold a thing, per kind of relation: the content of a counts row. A value of four integers, since a
/// hot place sums its shards' counts each time they are read, several times a commit (an immutable dictionary per
/// kind was about 6% of the silo's bytes under a hot place's marks, bench/results/allocations-s1.md).
/// </summary>
internal readonly record struct RelationCounts(int BeenHere, int WantToGo, int Lists, int Subscribers)
{
    private static readonly RelationKind[] Kinds = Enum.GetValues<RelationKind>();

    public static readonly RelationCounts None = default;

    public int this[RelationKind kind] => kind switch
    {
        RelationKind.BeenHere => BeenHere,
        RelationKind.WantToGo => WantToGo,
        RelationKind.List => Lists,
        RelationKind.Subscriber => Subscribers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of relation."),
    };

    /// <summary>Members of every kind together.</summary>
    public int Total => BeenHere + WantToGo + Lists + Subscribers;

    public RelationCounts Add(RelationKind kind, int delta) => kind switch
    {
        RelationKind.BeenHere => this with { BeenHere = BeenHere + delta },
        RelationKind.WantToGo => this with { WantToGo = WantToGo + delta },
        RelationKind.List => this with { Lists = Lists + delta },
        RelationKind.Subscriber => this with { Subscribers = Subscribers + delta },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of relation."),
    };

    public RelationCounts Plus(RelationCounts other) =>
        new(BeenHere + other.BeenHere, WantToGo + other.WantToGo, Lists + other.Lists, Subscribers + other.Subscribers);

    public PlaceStats ToPlaceStats() => new(BeenHere, WantToGo, Lists);

    public static RelationCounts Read(TableEntity row) => new(
        Count(row, RelationKind.BeenHere), Count(row, RelationKind.WantToGo), Count(row, RelationKind.List), Count(row, RelationKind.Subscriber));

    /// <summary>The counts row of <paramref name="scope"/> (a shard of a thing), stored in <paramref name="partitionKey"/>: every kind's count, zeros too.</summary>
    public TableEntity ToRow(string partitionKey, string scope)
    {
        var row = new TableEntity(partitionKey, RelationKeys.Counts(scope));
        foreach (var kind in Kinds)
        {
            row[RelationKeys.CountProperty(kind)] = this[kind];
        }

        return row;
    }

    private static int Count(TableEntity row, RelationKind kind) => row.GetInt32(RelationKeys.CountProperty(kind)) ?? 0;
}
