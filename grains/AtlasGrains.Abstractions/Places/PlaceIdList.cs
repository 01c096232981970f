namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Place ids in one string, a line each (<see cref="Of"/>), for a call that names 1,000 of them with every add to a
/// long list (<see cref="IPlaceSummariesGrain"/>). Sent as a <c>string[]</c>, each id was an object of its own to
/// Orleans: encoded and checked one by one, entered in the message's reference table, decoded into a new string. That
/// was about 7% of the gateway's CPU and 10% of the silo's while S4's lists grew (bench/findings/lists.md, "Where S4's
/// late band goes now"), where one string costs a copy. The silo then makes strings only of the ids it has to look up.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceIdList")]
public sealed record PlaceIdList([property: Id(0)] string Joined)
{
    private const char Separator = '\n';

    /// <summary>How many ids: none for an empty string (no place id is empty).</summary>
    public int Count => Joined.Length == 0 ? 0 : Joined.AsSpan().Count(Separator) + 1;

    /// <summary>The ids, in order. Place ids never hold a line break; one that did would break the list apart.</summary>
    public static PlaceIdList Of(IReadOnlyCollection<string> placeIds)
    {
        var list = new PlaceIdList(string.Join(Separator, placeIds));
        if (placeIds.Count > 0 && !list.Holds(placeIds.Count))
        {
            throw new ArgumentException("A place id is empty or holds a line break.", nameof(placeIds));
        }

        return list;
    }

    /// <summary>
    /// Whether this reads as <paramref name="count"/> ids, none of them empty: checked on the whole string at once,
    /// a few vectorized passes, where checking each id was as costly as sending them one by one.
    /// </summary>
    private bool Holds(int count)
    {
        var joined = Joined.AsSpan();
        return Count == count && joined.Length > 0 && joined[0] != Separator && joined[^1] != Separator
            && !joined.Contains([Separator, Separator], StringComparison.Ordinal);
    }

    /// <summary>Each id's place in <see cref="Joined"/>, in order: <see cref="Count"/> of them.</summary>
    public IEnumerable<Range> Ranges()
    {
        if (Joined.Length == 0)
        {
            yield break;
        }

        var start = 0;
        while (Joined.IndexOf(Separator, start) is var end and >= 0)
        {
            yield return start..end;
            start = end + 1;
        }

        yield return start..Joined.Length;
    }
}
