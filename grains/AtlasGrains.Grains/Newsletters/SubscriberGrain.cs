using System.Security.Cryptography;
using System.Text;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Diagnostics;
using AtlasGrains.Grains.Mail;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Grains.Storage;
using AtlasGrains.Grains.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>
/// One address's newsletter subscriptions (<see cref="SubscriberState"/>). Every request is answered the
/// same way after the same work, one state write, whatever the address's state. Mails and count changes
/// leave through outboxes in that state: sent right after the write, and by the reminder after a failure.
/// </summary>
[GrainType("subscriber")]
public sealed partial class SubscriberGrain(
    [PersistentState("subscriber", StorageNames.GrainState)] IPersistentState<SubscriberState> state,
    IMailSender mailSender,
    SubscriptionMails mails,
    IOptions<MarkDeliveryOptions> deliveryOptions,
    AtlasMetrics metrics,
    AtlasClock clock,
    ILogger<SubscriberGrain> logger)
    : Grain, ISubscriberGrain, IRemindable
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    private DeliveryReminder _reminder = null!;
    private IGrainTimer? _sendTimer;

    private SubscriberState Subscriber => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reminder = new DeliveryReminder(this, deliveryOptions);
        return Task.CompletedTask;
    }

    public async Task RequestAsync(string email, NewsletterRef[] newsletters)
    {
        await _reminder.EnsureRegisteredAsync();
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

        await _reminder.EnsureRegisteredAsync();
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
        await _reminder.EnsureRegisteredAsync();
        await WriteAsync();
        await TryDeliverCountsAsync();
        return true;
    }

    public Task<NewsletterSubscription[]> GetSubscriptionsAsync() => Task.FromResult(Subscriber.Newsletters
        .Select(entry => new NewsletterSubscription(entry.Key, entry.Value.Status))
        .OrderBy(subscription => subscription.NewsletterId, StringComparer.Ordinal)
        .ToArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder.Name)
        {
            return;
        }

        await TryDeliverCountsAsync();
        await SendMailsAsync();
        if (Subscriber.Mails.Count == 0 && Subscriber.CountOutbox.Count == 0)
        {
            await _reminder.UnregisterAsync();
        }
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

    /// <summary>Sends the outbox right after this turn, off the caller's path (so answers take the same time).</summary>
    private void SendSoon()
    {
        if (_sendTimer is null)
        {
            _sendTimer = this.RegisterGrainTimer(SendMailsAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _sendTimer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task SendMailsAsync()
    {
        while (Subscriber.Mails.FirstOrDefault() is { } mail)
        {
            try
            {
                await mailSender.SendAsync(Compose(mail));
            }
            catch (Exception ex)
            {
                metrics.MailSent(succeeded: false);
                LogMailFailed(ex);
                return;
            }

            metrics.MailSent(succeeded: true);

            Subscriber.Mails.Remove(mail);
            await WriteAsync();
        }
    }

    private MimeKit.MimeMessage Compose(OutgoingMail mail)
    {
        var key = this.GetPrimaryKeyString();
        var titles = mail.NewsletterIds.Select(id => Subscriber.Newsletters.TryGetValue(id, out var entry) ? entry.Title : id);
        return mail.Kind == OutgoingMailKind.Confirmation
            ? mails.Confirmation(mail.Id, Subscriber.Email, new SubscriptionToken(key, Subscriber.ConfirmSecret ?? ""), titles)
            : mails.Welcome(mail.Id, Subscriber.Email, new SubscriptionToken(key, Subscriber.UnsubscribeSecret), titles);
    }

    private async Task TryDeliverCountsAsync()
    {
        var subscriberKey = this.GetPrimaryKeyString();
        var delivered = false;
        foreach (var (newsletterId, change) in Subscriber.CountOutbox.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<INewsletterGrain>(newsletterId).ApplyRelationChangesAsync(
                    [new RelationChange(RelationKind.Subscriber, subscriberKey, change.Present, change.Version)]);
            }
            catch (Exception ex)
            {
                LogCountDeliveryFailed(ex, newsletterId);
                continue;
            }

            // Only the change that was delivered leaves the outbox, not a newer one written meanwhile.
            if (Subscriber.CountOutbox.TryGetValue(newsletterId, out var current) && current == change)
            {
                Subscriber.CountOutbox.Remove(newsletterId);
                delivered = true;
            }
        }

        if (delivered)
        {
            await WriteAsync();
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a newsletter mail failed; it stays in the outbox and is retried.")]
    private partial void LogMailFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a subscriber count change to newsletter {NewsletterId} failed; the reminder retries.")]
    private partial void LogCountDeliveryFailed(Exception exception, string newsletterId);
}
