using MimeKit;

namespace AtlasGrains.Grains.Mail;

/// <summary>Hands a message to the mail server; throws when it could not (the caller's outbox keeps it).</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}
