using AtlasGrains.Gateway.Contracts;

namespace AtlasGrains.Gateway.Lists;

/// <summary>A place's facts as of <paramref name="UpdatedAt"/>, as the API shows them, with placeholder counts.</summary>
public sealed record KeptPlace(DateTimeOffset UpdatedAt, PlaceSummaryResponse Place);
