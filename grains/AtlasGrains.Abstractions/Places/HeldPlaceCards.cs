namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// What a caller of <see cref="IPlaceSummariesGrain"/> holds of each place it asks about, in the order of its ids: the
/// time of the facts it holds (<see cref="UpdatedAtUtcTicks"/>, 0 for none) and the counts it last showed
/// (<see cref="Counts"/>, three a place: been here, want to go, lists; -1 for none). Plain arrays, since 1,000 places
/// are asked about with every add to a long list: they cost Orleans a number each, not an object.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.HeldPlaceCards")]
public sealed record HeldPlaceCards(
    [property: Id(0)] long[] UpdatedAtUtcTicks,
    [property: Id(1)] int[] Counts)
{
    private const int CountsPerPlace = 3;

    public int Length => UpdatedAtUtcTicks.Length;

    /// <summary>Holding nothing of <paramref name="places"/> places.</summary>
    public static HeldPlaceCards None(int places) => new(new long[places], Enumerable.Repeat(-1, CountsPerPlace * places).ToArray());

    /// <summary>Holding, for each place, these facts' time (<see cref="DateTimeOffset.MinValue"/> for none) and these counts (or none).</summary>
    public static HeldPlaceCards Of(IReadOnlyList<DateTimeOffset> updatedAt, IReadOnlyList<PlaceStats?> stats)
    {
        var held = None(updatedAt.Count);
        for (var i = 0; i < updatedAt.Count; i++)
        {
            held.UpdatedAtUtcTicks[i] = updatedAt[i] == DateTimeOffset.MinValue ? 0 : updatedAt[i].UtcTicks;
            if (stats[i] is { } counts)
            {
                (held.Counts[CountsPerPlace * i], held.Counts[(CountsPerPlace * i) + 1], held.Counts[(CountsPerPlace * i) + 2]) =
                    (counts.BeenHere, counts.WantToGo, counts.Lists);
            }
        }

        return held;
    }

    /// <summary>The time of the facts held of place <paramref name="at"/>, <see cref="DateTimeOffset.MinValue"/> for none.</summary>
    public DateTimeOffset UpdatedAt(int at) =>
        UpdatedAtUtcTicks[at] == 0 ? DateTimeOffset.MinValue : new DateTimeOffset(UpdatedAtUtcTicks[at], TimeSpan.Zero);

    /// <summary>Whether the caller holds facts as new as <paramref name="updatedAt"/> and exactly these counts of place <paramref name="at"/>.</summary>
    public bool HasCurrent(int at, DateTimeOffset updatedAt, PlaceStats stats) =>
        UpdatedAtUtcTicks[at] != 0 && updatedAt.UtcTicks <= UpdatedAtUtcTicks[at]
        && Counts[CountsPerPlace * at] == stats.BeenHere && Counts[(CountsPerPlace * at) + 1] == stats.WantToGo && Counts[(CountsPerPlace * at) + 2] == stats.Lists;

    /// <summary>Whether this describes <paramref name="places"/> places, one time and three counts each.</summary>
    public bool Describes(int places) => UpdatedAtUtcTicks.Length == places && Counts.Length == CountsPerPlace * places;
}
