namespace AtlasGrains.Abstractions.Places;

/// <summary>A partial edit: every non-null field replaces the current value.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceEdit")]
public sealed record PlaceEdit
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Subtitle { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public string? KnowBeforeYouGo { get; init; }
    [Id(4)] public GeoLocation? Location { get; init; }
    [Id(5)] public string? Address { get; init; }
    [Id(6)] public string? City { get; init; }
    [Id(7)] public string? Region { get; init; }
    [Id(8)] public string? Country { get; init; }
    [Id(9)] public string? Continent { get; init; }
    [Id(10)] public string[]? Tags { get; init; }
    [Id(11)] public string? Website { get; init; }
    [Id(12)] public string[]? Sources { get; init; }

    public PlaceDetails ApplyTo(PlaceDetails current) => current with
    {
        Name = Name ?? current.Name,
        Subtitle = Subtitle ?? current.Subtitle,
        Description = Description ?? current.Description,
        KnowBeforeYouGo = KnowBeforeYouGo ?? current.KnowBeforeYouGo,
        Location = Location ?? current.Location,
        Address = Address ?? current.Address,
        City = City ?? current.City,
        Region = Region ?? current.Region,
        Country = Country ?? current.Country,
        Continent = Continent ?? current.Continent,
        Tags = Tags ?? current.Tags,
        Website = Website ?? current.Website,
        Sources = Sources ?? current.Sources,
    };
}
