using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AtlasGrains.Grains.Mail;

/// <summary>Sends over SMTP with MailKit, one connection per message (mail volume here is small and bursty).</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
