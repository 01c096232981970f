using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// One shared copy of the words many places repeat: city, region, country, continent and tags. A silo holds every
/// active place's facts and every indexed place's summary, each read or received on its own, so without this each
/// place carried its own copies of "Europe" and "Abandoned" (about 60 MB at 100k places). The vocabulary is bounded
/// (countries, continents, tags, cities), so the runtime's intern pool, which never shrinks, is the right home.
/// </summary>
internal static class PlaceVocabulary
{
    public static string Share(string word) => word.Length == 0 ? "" : string.IsInterned(word) ?? string.Intern(word);

    public static string[] Share(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Share(words[i]);
        }

        return words;
    }

    public static PlaceDetails Share(PlaceDetails details) => details with
    {
        City = Share(details.City),
        Region = Share(details.Region),
        Country = Share(details.Country),
        Continent = Share(details.Continent),
        Tags = Share([.. details.Tags]),
    };
}
