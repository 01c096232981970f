using System.Text.RegularExpressions;
using AtlasGrains.Abstractions;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Audit;
using AtlasGrains.Grains.Relations;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using MimeKit;

namespace AtlasGrains.Tests.Faults;

/// <summary>
/// The audit recounts newsletters from the subscriber grains' states as Orleans stored them (so it also proves the
/// audit decodes the stock grain storage format); repair fixes drift through the grains, and the recount then agrees.
/// </summary>
public sealed partial class NewsletterAuditTests
{
    [Fact]
    public async Task The_audit_finds_lost_invented_and_miscounted_subscribers_and_repair_fixes_them_through_the_grains()
    {
        await using var mail = await MailSink.StartAsync();
        await using var cluster = await AtlasCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = mail.Port.ToString(),
        });
        var (digest, weekly) = ($"digest-{Guid.NewGuid():N}", $"weekly-{Guid.NewGuid():N}");
        var readers = new Readers(cluster.Grains, mail);
        var lost = await readers.SubscribeAsync(digest, weekly);
        await readers.SubscribeAsync(digest);
        var leaving = await readers.SubscribeAsync(digest);
        await readers.UnsubscribeAsync(leaving);
        var audit = new RelationAudit(cluster.Tables, cluster.Identity.TablePrefix);

        var healthy = await audit.RunAsync();
        Assert.Equal(new[] { digest, weekly }, healthy.Newsletters.Select(newsletter => newsletter.NewsletterId).Order());
        Assert.All(healthy.Newsletters, newsletter => Assert.False(newsletter.HasDifference));
        Assert.Equal(2, healthy.Newsletters.Single(newsletter => newsletter.NewsletterId == digest).Recomputed);
        Assert.False(healthy.HasDrift);

        // Damage the derived side as a bug or a hand edit would: digest forgets one subscriber and counts one who left;
        // weekly's counts row says 7.
        var relations = cluster.Table("newsletterrelations");
        await relations.DeleteEntityAsync(digest, RelationKeys.Relation(RelationKind.Subscriber, lost, digest));
        var invented = (await relations.GetEntityAsync<TableEntity>(digest, RelationKeys.Relation(RelationKind.Subscriber, leaving, digest))).Value;
        invented["Present"] = true;
        await relations.UpdateEntityAsync(invented, invented.ETag, TableUpdateMode.Replace);
        var counts = (await relations.GetEntityAsync<TableEntity>(weekly, RelationKeys.Counts(weekly))).Value;
        counts["Subscribers"] = 7;
        await relations.UpdateEntityAsync(counts, counts.ETag, TableUpdateMode.Replace);

        var damaged = await audit.RunAsync();
        Assert.Equal(new[] { digest, weekly }, damaged.DriftedNewsletters.Select(newsletter => newsletter.NewsletterId).Order());
        Assert.Equal(
            [new SubscriberMismatch(lost, InTruth: true, InNewsletterRows: false), new SubscriberMismatch(leaving, InTruth: false, InNewsletterRows: true)],
            damaged.DriftedNewsletters.Single(newsletter => newsletter.NewsletterId == digest).Mismatches.OrderBy(mismatch => !mismatch.InTruth));
        var miscounted = damaged.DriftedNewsletters.Single(newsletter => newsletter.NewsletterId == weekly);
        Assert.Equal((7, 1), (miscounted.Stored, miscounted.Recomputed));
        Assert.Empty(miscounted.Mismatches);
        Assert.Empty(damaged.Drifted);

        // The tool fails on newsletter drift alone.
        await using (var tool = HostProcess.Start("Audit", AuditTests.ToolSettings(cluster)))
        {
            Assert.Equal(1, await tool.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"DRIFT newsletter {weekly}: stored 7, recounted 1 subscribers", tool.Output);
            Assert.Contains("newsletters audited: 2, with drift: 2", tool.Output);
        }

        Assert.Equal(2, await new AuditRepair(cluster.Grains).RepairAsync(damaged));

        var repaired = await audit.RunAsync();
        Assert.False(repaired.HasDrift);
        Assert.All(repaired.Newsletters, newsletter => Assert.False(newsletter.HasDifference));
        Assert.Equal(2, await cluster.Grains.GetGrain<INewsletterGrain>(digest).GetSubscriberCountAsync());
        Assert.Equal(1, await cluster.Grains.GetGrain<INewsletterGrain>(weekly).GetSubscriberCountAsync());
    }

    /// <summary>Addresses that subscribe and leave through the grains, with the secrets their mails carry.</summary>
    private sealed class Readers(IGrainFactory grains, MailSink mail)
    {
        private readonly Dictionary<string, string> _emails = [];

        /// <summary>Asks, confirms with the mailed token, and answers the subscriber key.</summary>
        public async Task<string> SubscribeAsync(params string[] newsletterIds)
        {
            var email = $"reader-{Guid.NewGuid():N}@example.com";
            var key = EmailKey.For(email);
            _emails[key] = email;
            var subscriber = grains.GetGrain<ISubscriberGrain>(key);
            await subscriber.RequestAsync(email, [.. newsletterIds.Select(id => new NewsletterRef(id, id))]);
            var confirmation = (await mail.WaitForAsync(email, message => message.Subject?.StartsWith("Confirm", StringComparison.Ordinal) == true)).Single();
            Assert.Equal(ConfirmResult.Confirmed, (await subscriber.ConfirmAsync(SecretIn(confirmation))).Result);
            return key;
        }

        public async Task UnsubscribeAsync(string key)
        {
            var welcome = (await mail.WaitForAsync(_emails[key], message => message.Subject?.StartsWith("Welcome", StringComparison.Ordinal) == true)).Single();
            Assert.True(await grains.GetGrain<ISubscriberGrain>(key).UnsubscribeAsync(SecretIn(welcome)));
        }

        private static string SecretIn(MimeMessage message) =>
            SubscriptionToken.TryParse(TokenPattern().Match(message.TextBody ?? "").Groups[1].Value, out var token) ? token.Secret : "";
    }

    [GeneratedRegex(@"([0-9a-f]{64}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
