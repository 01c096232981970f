using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// The destination guide's countries, matched case-insensitively: each country's places (most popular first),
/// the spelling shown (the first one stored) and its continent (the one most of its places give).
/// Not thread-safe: the <see cref="PlaceIndex"/> guards it.
/// </summary>
internal sealed class Countries
{
    private readonly Dictionary<string, Country> _countries = new(StringComparer.OrdinalIgnoreCase);

    public RankedPlaces? PlacesOf(string country) => _countries.GetValueOrDefault(country.Trim())?.Places;

    public void Add(PlaceSummary place)
    {
        var name = place.Country.Trim();
        if (!_countries.TryGetValue(name, out var country))
        {
            _countries[name] = country = new Country(name);
        }

        country.Places.Add(place.Popularity, place.Id);
        country.Continents[place.Continent] = country.Continents.GetValueOrDefault(place.Continent) + 1;
    }

    public void Remove(PlaceSummary place)
    {
        var name = place.Country.Trim();
        if (!_countries.TryGetValue(name, out var country))
        {
            return;
        }

        country.Places.Remove(place.Popularity, place.Id);
        if (--country.Continents[place.Continent] == 0)
        {
            country.Continents.Remove(place.Continent);
        }

        if (country.Places.Count == 0)
        {
            _countries.Remove(name);
        }
    }

    public Destination? Find(string name) => _countries.GetValueOrDefault(name.Trim()) is { } country ? Describe(country) : null;

    public Destination[] All() =>
        [.. _countries.Values.Select(Describe).OrderBy(destination => destination.Country, StringComparer.OrdinalIgnoreCase)];

    private static Destination Describe(Country country) => new(
        country.Name,
        country.Continents.OrderByDescending(continent => continent.Value).ThenBy(continent => continent.Key, StringComparer.Ordinal).First().Key,
        country.Places.Count);

    private sealed class Country(string name)
    {
        public string Name { get; } = name;

        public RankedPlaces Places { get; } = new();

        public Dictionary<string, int> Continents { get; } = [];
    }
}
