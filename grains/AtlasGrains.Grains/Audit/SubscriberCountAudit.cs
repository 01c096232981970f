using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Grains.Storage;

namespace AtlasGrains.Grains.Audit;

/// <summary>
/// Recounts every newsletter's subscribers from the truth, the subscriber grains' stored states, and compares the
/// recount with each newsletter's counts row and subscriber rows. A count change still in a subscriber's outbox
/// marks its newsletter as settling, not drifting.
/// </summary>
internal sealed class SubscriberCountAudit(AuditTables tables)
{
    public async Task<(IReadOnlyList<NewsletterAudit> Newsletters, int ChangesInFlight)> RunAsync(CancellationToken cancellationToken)
    {
        var subscribed = new Dictionary<string, HashSet<string>>();
        var inFlight = new HashSet<string>();
        var changesInFlight = 0;
        await foreach (var (subscriberKey, subscriber) in StoredSubscribers.ReadAsync(tables, cancellationToken))
        {
            foreach (var (newsletterId, _) in subscriber.Newsletters.Where(entry => entry.Value.Status == NewsletterStatus.Subscribed))
            {
                MembersOf(subscribed, newsletterId).Add(subscriberKey);
            }

            inFlight.UnionWith(subscriber.CountOutbox.Keys);
            changesInFlight += subscriber.CountOutbox.Count;
        }

        var stored = new Dictionary<string, int>();
        var counted = new Dictionary<string, HashSet<string>>();
        await foreach (var row in tables.RowsAsync(AtlasTables.NewsletterRelationsTable, cancellationToken: cancellationToken))
        {
            if (RelationKeys.IsCounts(row.RowKey))
            {
                stored[row.PartitionKey] = RelationCounts.Read(row)[RelationKind.Subscriber];
            }
            else if (RelationKeys.Parse(row.RowKey, row.PartitionKey) is (RelationKind.Subscriber, var subscriberKey) && row.GetBoolean("Present") == true)
            {
                MembersOf(counted, row.PartitionKey).Add(subscriberKey);
            }
        }

        var newsletters = subscribed.Keys.Concat(counted.Keys).Concat(stored.Keys).Distinct().Order(StringComparer.Ordinal).Select(newsletterId =>
        {
            var held = subscribed.GetValueOrDefault(newsletterId) ?? [];
            var rows = counted.GetValueOrDefault(newsletterId) ?? [];
            var mismatches = held.Except(rows).Select(key => new SubscriberMismatch(key, InTruth: true, InNewsletterRows: false))
                .Concat(rows.Except(held).Select(key => new SubscriberMismatch(key, InTruth: false, InNewsletterRows: true)))
                .ToList();
            return new NewsletterAudit(newsletterId, stored.GetValueOrDefault(newsletterId), held.Count, mismatches, inFlight.Contains(newsletterId));
        }).ToList();
        return (newsletters, changesInFlight);
    }

    private static HashSet<string> MembersOf(Dictionary<string, HashSet<string>> byNewsletter, string newsletterId) =>
        byNewsletter.TryGetValue(newsletterId, out var members) ? members : byNewsletter[newsletterId] = [];
}
