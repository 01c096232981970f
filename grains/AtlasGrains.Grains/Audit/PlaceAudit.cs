using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Grains.Audit;

/// <summary>One place: its stored counts, the counts recomputed from the truth, and where they disagree.</summary>
/// <param name="Settling">Some change for this place is still in an outbox, so a difference may be a delivery on its way.</param>
public sealed record PlaceAudit(string PlaceId, PlaceStats Stored, PlaceStats Recomputed, IReadOnlyList<RelationMismatch> Mismatches, bool Settling)
{
    public bool HasDifference => Stored != Recomputed || Mismatches.Count > 0;

    /// <summary>A difference that no delivery in flight explains: the counts are wrong.</summary>
    public bool HasDrift => HasDifference && !Settling;
}
