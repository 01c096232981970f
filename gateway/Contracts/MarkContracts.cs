namespace AtlasGrains.Gateway.Contracts;

public sealed record MarkResponse(string PlaceId, bool BeenHere, bool WantToGo, PlaceStatsResponse Stats);

public sealed record MarkedPlaceResponse(PlaceSummaryResponse Place, DateTime MarkedAt);

public sealed record UserPlaceResponse(string PlaceId, bool BeenHere, bool WantToGo, string[] ListIds);
