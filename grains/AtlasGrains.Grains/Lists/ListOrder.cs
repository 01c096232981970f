namespace AtlasGrains.Grains.Lists;

/// <summary>
/// The order of a list's items as its last reorder set it, stored in its meta row. A full list (1,000 ids of up to 80 characters) is
/// ~81,000 characters: more than one 64 KiB string property holds, so it is split over "Order0", "Order1"...
/// of at most 30,000 characters each (UTF-16 on the wire: 60 KB), well inside the 1 MiB entity.
/// </summary>
internal static class ListOrder
{
    private const int CharactersPerProperty = 30_000;
    private const string PropertyPrefix = "Order";

    public static void Write(IDictionary<string, object> row, IReadOnlyList<string> order)
    {
        var joined = string.Join('\n', order);
        for (int start = 0, index = 0; start < joined.Length; start += CharactersPerProperty, index++)
        {
            row[PropertyPrefix + index] = joined.Substring(start, Math.Min(CharactersPerProperty, joined.Length - start));
        }
    }

    public static List<string> Read(IDictionary<string, object> row)
    {
        var joined = string.Concat(Enumerable.Range(0, int.MaxValue)
            .Select(index => row.TryGetValue(PropertyPrefix + index, out var part) ? part as string : null)
            .TakeWhile(part => part is not null));
        return joined.Length == 0 ? [] : [.. joined.Split('\n')];
    }
}
