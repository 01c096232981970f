using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Silo.Seeding;

/// <summary>One entry of SeedData/places.json.</summary>
public sealed record SeedPlace(
    string Id,
    string Name,
    string Subtitle,
    string Description,
    string KnowBeforeYouGo,
    GeoLocation Location,
    string Address,
    string City,
    string Region,
    string Country,
    string Continent,
    string[] Tags,
    string Website,
    string[] Sources)
{
    public PlaceDetails ToDetails() => new()
    {
        Name = Name,
        Subtitle = Subtitle,
        Description = Description,
        KnowBeforeYouGo = KnowBeforeYouGo,
        Location = Location,
        Address = Address,
        City = City,
        Region = Region,
        Country = Country,
        Continent = Continent,
        Tags = Tags,
        Website = Website,
        Sources = Sources,
    };
}
