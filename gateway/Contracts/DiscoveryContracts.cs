using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Gateway.Paging;

namespace AtlasGrains.Gateway.Contracts;

public sealed record NearbyPlaceResponse(PlaceSummaryResponse Place, double DistanceKm, double DistanceMiles)
{
    public static NearbyPlaceResponse From(NearbyPlace nearby) => new(
        PlaceSummaryResponse.From(nearby.Place),
        Math.Round(nearby.DistanceKm, 1, MidpointRounding.AwayFromZero),
        Math.Round(nearby.DistanceKm / 1.609344, 1, MidpointRounding.AwayFromZero));
}

public sealed record DestinationResponse(string Country, string Continent, int PlaceCount)
{
    public static DestinationResponse From(Destination destination) => new(destination.Country, destination.Continent, destination.PlaceCount);
}

public sealed record DestinationPageResponse(string Country, string Continent, int PlaceCount, Page<PlaceSummaryResponse> Places);
