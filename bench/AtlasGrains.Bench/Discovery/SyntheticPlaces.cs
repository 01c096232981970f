using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Bench.Discovery;

/// <summary>
/// Synthetic places that look like the real catalog: clustered around real cities (so "nearby" has neighbours at
/// realistic distances), in those cities' countries and continents, with 2-6 tags from a vocabulary where a few
/// tags are common and most are rare (Zipf-like), and names and subtitles built from a word list.
/// </summary>
internal sealed class SyntheticPlaces(int seed)
{
    private static readonly (string City, string Country, string Continent, double Latitude, double Longitude)[] Cities =
    [
        ("Astana", "Kazakhstan", "Asia", 51.17, 71.45), ("Almaty", "Kazakhstan", "Asia", 43.24, 76.89),
        ("Reykjavík", "Iceland", "Europe", 64.15, -21.94), ("Tokyo", "Japan", "Asia", 35.68, 139.69),
        ("Kyoto", "Japan", "Asia", 35.01, 135.77), ("Paris", "France", "Europe", 48.86, 2.35),
        ("Prague", "Czechia", "Europe", 50.08, 14.44), ("New York", "United States", "North America", 40.71, -74.01),
        ("San Jose", "United States", "North America", 37.34, -121.89), ("Amarillo", "United States", "North America", 35.22, -101.83),
        ("Mexico City", "Mexico", "North America", 19.43, -99.13), ("Lima", "Peru", "South America", -12.05, -77.04),
        ("La Paz", "Bolivia", "South America", -16.5, -68.15), ("Bogotá", "Colombia", "South America", 4.71, -74.07),
        ("Cairo", "Egypt", "Africa", 30.04, 31.24), ("Lalibela", "Ethiopia", "Africa", 12.03, 39.04),
        ("Windhoek", "Namibia", "Africa", -22.56, 17.08), ("Mumbai", "India", "Asia", 19.08, 72.88),
        ("Jaipur", "India", "Asia", 26.91, 75.79), ("Istanbul", "Türkiye", "Asia", 41.01, 28.98),
        ("Sydney", "Australia", "Oceania", -33.87, 151.21), ("Auckland", "New Zealand", "Oceania", -36.85, 174.76),
        ("Suva", "Fiji", "Oceania", -18.14, 178.44), ("Longyearbyen", "Norway", "Europe", 78.22, 15.65),
        ("Ushuaia", "Argentina", "South America", -54.8, -68.3), ("McMurdo", "Antarctica", "Antarctica", -77.85, 166.67),
        ("Anchorage", "United States", "North America", 61.22, -149.9), ("Vilnius", "Lithuania", "Europe", 54.69, 25.28),
        ("Sofia", "Bulgaria", "Europe", 42.7, 23.32), ("Ashgabat", "Turkmenistan", "Asia", 37.96, 58.33),
    ];

    private static readonly string[] Words =
    [
        "abandoned", "ancient", "buried", "crystal", "forgotten", "giant", "glowing", "hidden", "iron", "lost", "marble",
        "painted", "secret", "silent", "sunken", "tiny", "upside-down", "whispering", "wooden", "frozen", "floating",
        "library", "tower", "well", "garden", "tunnel", "chapel", "bridge", "crater", "lighthouse", "museum", "cave",
        "observatory", "railway", "fountain", "mine", "monastery", "market", "ruin", "statue", "cemetery", "castle",
    ];

    private static readonly string[] Tags = [.. Enumerable.Range(0, 150).Select(i => i < Words.Length ? Words[i] : $"topic-{i}")];

    /// <summary>
    /// The words names and subtitles are made of: the common words first, then 5,000 made-up proper names
    /// ("Kalavor"), drawn Zipf-like so that, as in a real catalog, a few words are everywhere and most are rare.
    /// </summary>
    private static readonly string[] Vocabulary = [.. Words, .. MadeUpNames(5_000)];

    private readonly Random _random = new(seed);

    public PlaceDetails Next(int number)
    {
        var city = Cities[(int)(Math.Pow(_random.NextDouble(), 1.5) * Cities.Length)];
        var name = $"{Pick()} {Pick()} {Pick()} {number}";
        var tags = Enumerable.Range(0, 2 + _random.Next(5)).Select(_ => Tags[Zipf(Tags.Length)]).Distinct().ToArray();
        return new PlaceDetails
        {
            Name = char.ToUpperInvariant(name[0]) + name[1..],
            Subtitle = $"A {Pick()} {Pick()} near {city.City}",
            Description = $"Synthetic place {number} for the discovery benchmark.",
            Location = new GeoLocation(
                Math.Clamp(city.Latitude + Gaussian() * 1.5, -89.9, 89.9),
                Wrap(city.Longitude + Gaussian() * 2)),
            City = city.City,
            Country = city.Country,
            Continent = city.Continent,
            Tags = tags,
        };
    }

    public static IReadOnlyList<string> Countries => [.. Cities.Select(city => city.Country).Distinct()];

    public static IReadOnlyList<string> TagNames => Tags;

    /// <summary>A word a reader searches for: drawn like the words of names, so popular words are searched more.</summary>
    public static string SearchWord(Random random) => Vocabulary[Zipf(random, Vocabulary.Length)];

    /// <summary>A point where readers are: within a degree or so of one of the cities.</summary>
    public static GeoLocation PointNearACity(Random random)
    {
        var city = Cities[random.Next(Cities.Length)];
        return new GeoLocation(Math.Clamp(city.Latitude + Gaussian(random), -89.9, 89.9), Wrap(city.Longitude + Gaussian(random)));
    }

    /// <summary>A place index where low indexes are much more likely: popular places get most marks, as in life.</summary>
    public int Zipf(int count) => Zipf(_random, count);

    private static int Zipf(Random random, int count) => Math.Min(count - 1, (int)(Math.Pow(count + 1, random.NextDouble()) - 1));

    private string Pick() => Vocabulary[Zipf(Vocabulary.Length)];

    private static IEnumerable<string> MadeUpNames(int count)
    {
        string[] syllables = ["ka", "la", "vor", "mi", "stre", "dan", "ol", "bri", "tun", "sa", "ren", "go", "thal", "ve", "ru", "nik", "es", "pa", "zor", "li"];
        var random = new Random(1);
        return Enumerable.Range(0, count * 2)
            .Select(_ => string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => syllables[random.Next(syllables.Length)])))
            .Distinct().Take(count);
    }

    private double Gaussian() => Gaussian(_random);

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Wrap(double longitude) => ((longitude + 180) % 360 + 360) % 360 - 180;
}
