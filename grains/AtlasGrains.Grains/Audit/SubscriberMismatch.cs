namespace AtlasGrains.Grains.Audit;

/// <summary>An address whose state says it is subscribed but the newsletter has no present row for it (or the reverse).</summary>
public sealed record SubscriberMismatch(string SubscriberKey, bool InTruth, bool InNewsletterRows);
