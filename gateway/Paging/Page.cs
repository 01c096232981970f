namespace AtlasGrains.Gateway.Paging;

/// <summary>A page of a paged response: the items and where to continue, or null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
