namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// What a caller of <see cref="IPlaceSummariesGrain"/> holds of each place it asks about, in the order of its ids: the
/// time of the facts it holds (<see cref="UpdatedAtUtcTicks"/>, 0 for none) and the counts it last showed
/// (<see cref="Counts"/>, three a place: been here, want to go, lists; -1 for none). Plain arrays, since 1,000 places
/// are asked about with every add to a long list: they cost Orleans a number each, not an object. <see cref="Since"/>
/// is the stamp of the answer all of it came from (<see cref="PlaceCardChanges.Stamp"/>), if it came from one.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.HeldPlaceCards")]
public sealed record HeldPlaceCards(
    [property: Id(0)] long[] UpdatedAtUtcTicks,
    [property: Id(1)] int[] Counts,
    [property: Id(2)] IndexStamp Since)
{
    private const int CountsPerPlace = 3;

    public int Length => UpdatedAtUtcTicks.Length;

    /// <summary>Holding nothing of <paramref name="places"/> places.</summary>
    public static HeldPlaceCards None(int places) => new(new long[places], NoCounts(places), IndexStamp.None);

    /// <summary>
    /// Holding, for each place, these facts' time (<see cref="DateTimeOffset.MinValue"/> for none) and these counts (or
    /// none), all as an answer stamped <paramref name="since"/> gave them (or <see cref="IndexStamp.None"/>).
    /// </summary>
    public static HeldPlaceCards Of(IReadOnlyList<DateTimeOffset> updatedAt, IReadOnlyList<PlaceStats?> stats, IndexStamp since = default)
    {
        var held = new HeldPlaceCards(new long[updatedAt.Count], NoCounts(updatedAt.Count), since);
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

    /// <summary>Whether the caller holds facts and counts of place <paramref name="at"/>.</summary>
    public bool Holds(int at) => UpdatedAtUtcTicks[at] != 0 && Counts[CountsPerPlace * at] >= 0;

    /// <summary>Whether the caller holds facts as new as <paramref name="updatedAt"/> and exactly these counts of place <paramref name="at"/>.</summary>
    public bool HasCurrent(int at, DateTimeOffset updatedAt, PlaceStats stats) =>
        UpdatedAtUtcTicks[at] != 0 && updatedAt.UtcTicks <= UpdatedAtUtcTicks[at]
        && Counts[CountsPerPlace * at] == stats.BeenHere && Counts[(CountsPerPlace * at) + 1] == stats.WantToGo && Counts[(CountsPerPlace * at) + 2] == stats.Lists;

    /// <summary>Whether this describes <paramref name="places"/> places, one time and three counts each.</summary>
    public bool Describes(int places) => UpdatedAtUtcTicks.Length == places && Counts.Length == CountsPerPlace * places;

    private static int[] NoCounts(int places) => Enumerable.Repeat(-1, CountsPerPlace * places).ToArray();
}
