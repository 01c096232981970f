namespace AtlasGrains.Grains.Audit;

public sealed record AuditReport(IReadOnlyList<PlaceAudit> Places, int ChangesInFlight)
{
    public IReadOnlyList<PlaceAudit> Drifted => [.. Places.Where(place => place.HasDrift)];

    public IReadOnlyList<PlaceAudit> Settling => [.. Places.Where(place => place.HasDifference && place.Settling)];
}
