using AtlasGrains.Abstractions.Newsletters;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AtlasGrains.Grains.Mail;

/// <summary>The mails of a subscription: the double opt-in confirmation, and the welcome that follows it.</summary>
public sealed class SubscriptionMails(IOptions<SmtpOptions> options)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public MimeMessage Confirmation(Guid mailId, string email, SubscriptionToken confirm, IEnumerable<string> newsletterTitles)
    {
        var message = New(mailId, email, "Confirm your AtlasGrains newsletter subscription");
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Someone, hopefully you, asked to receive these AtlasGrains newsletters at this address:
                {string.Join(Environment.NewLine, newsletterTitles.Select(title => "  - " + title))}

                To confirm, open {BaseUrl}/newsletters/confirm?token={confirm}
                or send this confirmation token: {confirm}
                It works once and expires in 72 hours. If you did not ask, ignore this mail: nothing more will be sent.
                """,
        };
        return message;
    }

    /// <summary>The first newsletter mail: like every newsletter mail it carries RFC 8058 one-click unsubscribe.</summary>
    public MimeMessage Welcome(Guid mailId, string email, SubscriptionToken unsubscribe, IEnumerable<string> newsletterTitles)
    {
        var message = New(mailId, email, "Welcome to the AtlasGrains newsletters");
        var unsubscribeUrl = $"{BaseUrl}/api/newsletters/unsubscribe?token={unsubscribe}";
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new TextPart("plain")
        {
            Text = $"""
                You are subscribed to:
                {string.Join(Environment.NewLine, newsletterTitles.Select(title => "  - " + title))}

                To unsubscribe at any time, use the unsubscribe link of your mail program, or send this token
                to {BaseUrl}/api/newsletters/unsubscribe: {unsubscribe}
                """,
        };
        return message;
    }

    private MimeMessage New(Guid mailId, string email, string subject)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            // Stable per outbox entry: a mail re-sent after a crash can be recognised as the same one.
            MessageId = $"{mailId:N}@atlasgrains",
        };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(email));
        return message;
    }
}
