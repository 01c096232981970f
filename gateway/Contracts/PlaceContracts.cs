using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Gateway.Contracts;

public sealed record LocationDto(double? Latitude, double? Longitude);

/// <summary>"Add a Place" and "Make an Edit": on create, name, location and country are required; on edit every field is optional.</summary>
public sealed record PlaceRequest(
    string? Name,
    string? Subtitle,
    string? Description,
    string? KnowBeforeYouGo,
    LocationDto? Location,
    string? Address,
    string? City,
    string? Region,
    string? Country,
    string? Continent,
    string[]? Tags,
    string? Website,
    string[]? Sources);

public sealed record PlaceStatsResponse(int BeenHere, int WantToGo, int Lists)
{
    public static PlaceStatsResponse From(PlaceStats stats) => new(stats.BeenHere, stats.WantToGo, stats.Lists);
}

public sealed record LocationResponse(double Latitude, double Longitude)
{
    public static LocationResponse From(GeoLocation location) => new(location.Latitude, location.Longitude);
}

public sealed record UserRefResponse(string UserId, string DisplayName)
{
    public static UserRefResponse From(UserRef user) => new(user.UserId, user.DisplayName);
}

public sealed record PlaceResponse(
    string Id,
    string Name,
    string Subtitle,
    string Description,
    string KnowBeforeYouGo,
    LocationResponse Location,
    string Address,
    string City,
    string Region,
    string Country,
    string Continent,
    string[] Tags,
    string Website,
    string[] Sources,
    UserRefResponse AddedBy,
    UserRefResponse[] EditedBy,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    PlaceStatsResponse Stats)
{
    public static PlaceResponse From(PlaceView place)
    {
        var details = place.Details;
        return new PlaceResponse(
            place.Id, details.Name, details.Subtitle, details.Description, details.KnowBeforeYouGo,
            LocationResponse.From(details.Location), details.Address, details.City, details.Region, details.Country,
            details.Continent, details.Tags, details.Website, details.Sources,
            UserRefResponse.From(place.AddedBy), [.. place.EditedBy.Select(UserRefResponse.From)],
            place.PublishedAt.UtcDateTime, place.UpdatedAt.UtcDateTime, PlaceStatsResponse.From(place.Stats));
    }
}

public sealed record PlaceSummaryResponse(
    string Id,
    string Name,
    string Subtitle,
    string City,
    string Country,
    LocationResponse Location,
    PlaceStatsResponse Stats)
{
    public static PlaceSummaryResponse From(PlaceView place) => new(
        place.Id, place.Details.Name, place.Details.Subtitle, place.Details.City, place.Details.Country,
        LocationResponse.From(place.Details.Location), PlaceStatsResponse.From(place.Stats));

    /// <summary>The summary of a place page the gateway keeps (<see cref="Places.PlacePageCache"/>).</summary>
    public static PlaceSummaryResponse From(PlaceResponse place) =>
        new(place.Id, place.Name, place.Subtitle, place.City, place.Country, place.Location, place.Stats);

    public static PlaceSummaryResponse From(PlaceSummary place) => new(
        place.Id, place.Name, place.Subtitle, place.City, place.Country, LocationResponse.From(place.Location), PlaceStatsResponse.From(place.Stats));
}
