using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Outbox;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Grains.Newsletters;

/// <summary>The subscriber's two outboxes: mails to the SMTP server, subscriber-count changes to the newsletters.</summary>
public sealed partial class SubscriberGrain
{
    public async Task ReconcileAsync(string journalEntryETag)
    {
        // Works from what is stored, not from memory: a duplicate activation may have written meanwhile.
        await state.ReadStateAsync();
        await TryDeliverCountsAsync();
        await SendMailsAsync();
        if (!HasUndelivered)
        {
            await _wakeUp.RemoveAsync(journalEntryETag);
        }
    }

    private bool HasUndelivered => Subscriber.Mails.Count > 0 || Subscriber.CountOutbox.Count > 0;

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
                await _wakeUp.RenewAsync();
                return;
            }

            metrics.MailSent(succeeded: true);

            Subscriber.Mails.Remove(mail);
            await WriteAsync();
        }

        await LeaveJournalIfDoneAsync();
    }

    /// <summary>Leaves the journal once both outboxes are empty, so the sweeper has no reason to wake this subscriber.</summary>
    private async Task LeaveJournalIfDoneAsync()
    {
        if (HasUndelivered)
        {
            return;
        }

        try
        {
            await _wakeUp.RemoveAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the sweeper wakes this subscriber, finds nothing to send, and removes the row.
            LogLeaveJournalFailed(ex);
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
        var failed = false;
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
                failed = true;
                continue;
            }

            // Only the change that was delivered leaves the outbox, not a newer one written meanwhile.
            if (Subscriber.CountOutbox.TryGetValue(newsletterId, out var current) && current == change)
            {
                Subscriber.CountOutbox.Remove(newsletterId);
                delivered = true;
            }
        }

        if (failed)
        {
            await _wakeUp.RenewAsync();
        }

        if (delivered)
        {
            await WriteAsync();
        }

        if (!failed)
        {
            await LeaveJournalIfDoneAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a newsletter mail failed; it stays in the outbox and is retried.")]
    private partial void LogMailFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a subscriber count change to newsletter {NewsletterId} failed; the sweeper retries.")]
    private partial void LogCountDeliveryFailed(Exception exception, string newsletterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving the pending-owners journal failed; the sweeper removes the row.")]
    private partial void LogLeaveJournalFailed(Exception exception);
}
