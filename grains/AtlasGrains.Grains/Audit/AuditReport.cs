namespace AtlasGrains.Grains.Audit;

/// <param name="ChangesInFlight">Changes stored but not yet confirmed by their place or newsletter (outbox rows and entries).</param>
public sealed record AuditReport(IReadOnlyList<PlaceAudit> Places, IReadOnlyList<NewsletterAudit> Newsletters, int ChangesInFlight)
{
    public IReadOnlyList<PlaceAudit> Drifted => [.. Places.Where(place => place.HasDrift)];

    public IReadOnlyList<PlaceAudit> Settling => [.. Places.Where(place => place.HasDifference && place.Settling)];

    public IReadOnlyList<NewsletterAudit> DriftedNewsletters => [.. Newsletters.Where(newsletter => newsletter.HasDrift)];

    public IReadOnlyList<NewsletterAudit> SettlingNewsletters => [.. Newsletters.Where(newsletter => newsletter.HasDifference && newsletter.Settling)];

    /// <summary>Some count, of a place or a newsletter, is wrong in a way no delivery in flight explains.</summary>
    public bool HasDrift => Drifted.Count > 0 || DriftedNewsletters.Count > 0;
}
