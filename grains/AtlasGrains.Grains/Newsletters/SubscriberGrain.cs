using System.Security.Cryptography;
using System.Text;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Mail;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>
/// One address's newsletter subscriptions (<see cref="SubscriberState"/>). Every request is answered the
/// same way after the same work, one state write, whatever the address's state. Mails and count changes
/// leave through outboxes in that state: sent right after the write, and after a failure or a crash by the
/// pending-owners sweeper, which the journal row written before the state write wakes.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class SubscriberGrain(
    [PersistentState(SubscriberGrain.StateName, StorageNames.GrainState)] IPersistentState<SubscriberState> state,
    IMailSender mailSender,
    SubscriptionMails mails,
    PendingOwners pendingOwners,
    AtlasMetrics metrics,
    AtlasClock clock,
    ILogger<SubscriberGrain> logger)
    : Grain, ISubscriberGrain
{
    /// <summary>With <see cref="StateName"/>, where Orleans stores the state: the audit reads it from there.</summary>
    public const string GrainTypeName = "subscriber";
    public const string StateName = "subscriber";

    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    private PendingOwnerEntry _wakeUp = null!;
    private IGrainTimer? _sendTimer;

    private SubscriberState Subscriber => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _wakeUp = new PendingOwnerEntry(pendingOwners, PendingOwners.SubscriberKey(this.GetPrimaryKeyString()));
        if (HasUndelivered)
        {
            await _wakeUp.RenewAsync();
        }
    }

    public async Task RequestAsync(string email, NewsletterRef[] newsletters)
    {
        await _wakeUp.EnsureWrittenAsync();
        var now = clock.Now;
        Subscriber.Email = email;
        Subscriber.LastRequestAt = now;
        if (Subscriber.UnsubscribeSecret.Length == 0)
        {
            Subscriber.UnsubscribeSecret = SubscriptionToken.NewSecret();
        }

        var wanted = newsletters.Where(newsletter => StatusOf(newsletter.Id) != NewsletterStatus.Subscribed).ToList();
        foreach (var newsletter in wanted)
        {
            Subscriber.Newsletters[newsletter.Id] = new SubscriptionEntry(NewsletterStatus.Pending, newsletter.Title);
        }

        if (wanted.Count > 0)
        {
            if (Subscriber.ConfirmSecret is null || now >= Subscriber.ConfirmExpiresAt)
            {
                Subscriber.ConfirmSecret = SubscriptionToken.NewSecret();
                Subscriber.ConfirmExpiresAt = now + ConfirmationLifetime;
                Subscriber.AwaitingConfirmation = [];
            }

            Subscriber.AwaitingConfirmation = [.. Subscriber.AwaitingConfirmation.Union(wanted.Select(newsletter => newsletter.Id))];
            if (Subscriber.LastConfirmationSentAt is not { } last || now - last >= ResendInterval)
            {
                Subscriber.Mails.Add(new OutgoingMail(Guid.NewGuid(), OutgoingMailKind.Confirmation, [.. Subscriber.AwaitingConfirmation]));
                Subscriber.LastConfirmationSentAt = now;
            }
        }

        await WriteAsync();
        metrics.NewsletterSignup();
        SendSoon();
    }

    public async Task<ConfirmOutcome> ConfirmAsync(string secret)
    {
        if (Subscriber.ConfirmSecret is not { } expected || !Same(secret, expected))
        {
            return new ConfirmOutcome(ConfirmResult.Invalid, []);
        }

        if (clock.Now >= Subscriber.ConfirmExpiresAt)
        {
            return new ConfirmOutcome(ConfirmResult.Expired, []);
        }

        await _wakeUp.EnsureWrittenAsync();
        var confirmed = Subscriber.AwaitingConfirmation.Where(id => StatusOf(id) == NewsletterStatus.Pending).ToArray();
        foreach (var id in confirmed)
        {
            SetStatus(id, NewsletterStatus.Subscribed);
        }

        Subscriber.ConfirmSecret = null;
        Subscriber.AwaitingConfirmation = [];
        Subscriber.Mails.RemoveAll(mail => mail.Kind == OutgoingMailKind.Confirmation);
        Subscriber.Mails.Add(new OutgoingMail(Guid.NewGuid(), OutgoingMailKind.Welcome, confirmed));
        await WriteAsync();
        await TryDeliverCountsAsync();
        SendSoon();
        return new ConfirmOutcome(ConfirmResult.Confirmed, confirmed);
    }

    public async Task<bool> UnsubscribeAsync(string secret)
    {
        if (Subscriber.UnsubscribeSecret.Length == 0 || !Same(secret, Subscriber.UnsubscribeSecret))
        {
            return false;
        }

        foreach (var id in Subscriber.Newsletters.Keys.ToList())
        {
            SetStatus(id, NewsletterStatus.Unsubscribed);
        }

        // An old confirmation link must never subscribe this address again, and nothing more is mailed.
        Subscriber.ConfirmSecret = null;
        Subscriber.AwaitingConfirmation = [];
        Subscriber.Mails.Clear();
        await _wakeUp.EnsureWrittenAsync();
        await WriteAsync();
        await TryDeliverCountsAsync();
        return true;
    }

    public Task<NewsletterSubscription[]> GetSubscriptionsAsync() => Task.FromResult(Subscriber.Newsletters
        .Select(entry => new NewsletterSubscription(entry.Key, entry.Value.Status))
        .OrderBy(subscription => subscription.NewsletterId, StringComparer.Ordinal)
        .ToArray());

    public async Task ResendCountAsync(string newsletterId)
    {
        await _wakeUp.EnsureWrittenAsync();
        var subscribed = StatusOf(newsletterId) == NewsletterStatus.Subscribed;
        Subscriber.CountOutbox[newsletterId] = new CountChange(subscribed, ++Subscriber.Sequence);
        await WriteAsync();
        await TryDeliverCountsAsync();
    }

    /// <summary>Moves a newsletter to a status; a change in "subscribed" goes to the newsletter's count outbox.</summary>
    private void SetStatus(string newsletterId, NewsletterStatus status)
    {
        var entry = Subscriber.Newsletters[newsletterId];
        var wasSubscribed = entry.Status == NewsletterStatus.Subscribed;
        Subscriber.Newsletters[newsletterId] = entry with { Status = status };
        if (wasSubscribed != (status == NewsletterStatus.Subscribed))
        {
            Subscriber.CountOutbox[newsletterId] = new CountChange(!wasSubscribed, ++Subscriber.Sequence);
        }
    }

    private NewsletterStatus? StatusOf(string newsletterId) =>
        Subscriber.Newsletters.TryGetValue(newsletterId, out var entry) ? entry.Status : null;

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from storage: the next call starts again from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
