namespace AtlasGrains.Abstractions.Newsletters;

/// <summary>
/// One email address's newsletter subscriptions, keyed by <see cref="EmailKey.For"/> of the normalized
/// address: double opt-in, single-use confirmation, unsubscribe, and the mails that go with them.
/// </summary>
[Alias("AtlasGrains.ISubscriberGrain")]
public interface ISubscriberGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks to subscribe. Whatever the address's state, the caller learns nothing: the grain decides whether
    /// a confirmation mail goes out (at most one per 10 minutes), and does the same work either way.
    /// </summary>
    [Alias("RequestAsync")] Task RequestAsync(string email, NewsletterRef[] newsletters);

    /// <summary>Confirms with the secret of a confirmation mail: single use, valid for 72 hours.</summary>
    [Alias("ConfirmAsync")] Task<ConfirmOutcome> ConfirmAsync(string secret);

    /// <summary>Unsubscribes from everything with the secret of any mail; false for a wrong secret.</summary>
    [Alias("UnsubscribeAsync")] Task<bool> UnsubscribeAsync(string secret);

    [Alias("GetSubscriptionsAsync")] Task<NewsletterSubscription[]> GetSubscriptionsAsync();

    /// <summary>Repair: sends the newsletter this address's current subscription again, under a new version (the audit's --repair).</summary>
    [Alias("ResendCountAsync")] Task ResendCountAsync(string newsletterId);

    /// <summary>
    /// The pending-owners sweeper's call: sends the mails and count changes still in the stored outboxes; once nothing
    /// is left, leaves the journal (the row the sweeper saw, <paramref name="journalEntryETag"/>).
    /// </summary>
    [Alias("ReconcileAsync")] Task ReconcileAsync(string journalEntryETag);
}
