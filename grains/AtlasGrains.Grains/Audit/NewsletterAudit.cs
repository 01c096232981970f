namespace AtlasGrains.Grains.Audit;

/// <summary>One newsletter: its stored subscriber count, the count recomputed from the subscribers, and where they disagree.</summary>
/// <param name="Settling">Some subscriber still has a count change for it in its outbox, so a difference may be a delivery on its way.</param>
public sealed record NewsletterAudit(string NewsletterId, int Stored, int Recomputed, IReadOnlyList<SubscriberMismatch> Mismatches, bool Settling)
{
    public bool HasDifference => Stored != Recomputed || Mismatches.Count > 0;

    /// <summary>A difference that no delivery in flight explains: the count is wrong.</summary>
    public bool HasDrift => HasDifference && !Settling;
}
