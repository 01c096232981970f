namespace AtlasGrains.Gateway.Contracts;

/// <summary>POST /api/lists and PATCH /api/lists/{id}: on create, title and visibility are required.</summary>
public sealed record ListRequest(string? Title, string? Description, string? Visibility);

public sealed record ListItemRequest(string? Note);

public sealed record ListOrderRequest(string[]? PlaceIds);

public sealed record ListItemResponse(string PlaceId, string Note, DateTime AddedAt, PlaceSummaryResponse? Place);

public sealed record ListResponse(
    string Id,
    string OwnerId,
    string Title,
    string Description,
    string Visibility,
    IReadOnlyList<ListItemResponse> Items,
    int ItemCount,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record ListSummaryResponse(string Id, string OwnerId, string Title, string Visibility, int ItemCount, DateTime UpdatedAt);
