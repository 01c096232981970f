using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Audit;

/// <summary>A member the truth says holds the place but the place's relation rows do not (or the reverse).</summary>
public sealed record RelationMismatch(RelationKind Kind, string MemberId, bool InTruth, bool InPlaceRows);
