using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtlasGrains.Abstractions;
using AtlasGrains.Tests.Infrastructure;
using MimeKit;

namespace AtlasGrains.Tests.Chaos;

/// <summary>
/// Newsletter readers under chaos: each address signs up once, confirms with the mailed token, and every other one
/// unsubscribes with the welcome mail's token, retrying timeouts and 503s with the same request. Remembers, per
/// address, whether it ended subscribed by acknowledged answers, or that its outcome is unknown.
/// </summary>
public sealed partial class ChaosNewsletterLoad(Uri gateway, MailSink mail, ChaosLoad answers)
{
    public const string NewsletterId = "weekly";
    private static readonly TimeSpan MailPatience = TimeSpan.FromSeconds(45);

    private readonly ConcurrentDictionary<string, bool?> _expected = new();

    /// <summary>Subscriber key (<see cref="EmailKey.For"/>) to whether it must be subscribed; null when unknown.</summary>
    public IReadOnlyDictionary<string, bool?> Expected => _expected;

    /// <summary>Each address starts at a random moment of the run, so its steps meet kills and the storage outage.</summary>
    public Task RunAsync(int addresses, TimeSpan spread, CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, addresses).Select(index => Task.Run(async () =>
    {
        var random = new Random(1000 + index);
        await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * spread.TotalMilliseconds), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!stop.IsCancellationRequested)
        {
            await OneReaderAsync($"chaos-{Guid.NewGuid():N}@example.com", unsubscribe: index % 2 == 0);
        }
    })));

    private async Task OneReaderAsync(string email, bool unsubscribe)
    {
        var key = EmailKey.For(email);
        _expected[key] = false;
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
        if (!await answers.SendWithRetriesAsync(http, HttpMethod.Post, "/api/newsletters/subscriptions", () => JsonContent.Create(new { email, newsletterIds = new[] { NewsletterId } }))
            || await MailAsync(email, "Confirm") is not { } confirmation)
        {
            return;
        }

        // A confirmation whose answer was lost may have happened: its retry finds the token used up.
        _expected[key] = null;
        if (!await answers.SendWithRetriesAsync(http, HttpMethod.Post, "/api/newsletters/subscriptions/confirm", () => JsonContent.Create(new { token = TokenIn(confirmation) }), singleUse: true))
        {
            return;
        }

        _expected[key] = true;
        if (!unsubscribe || await MailAsync(email, "Welcome") is not { } welcome)
        {
            return;
        }

        _expected[key] = null;
        if (await answers.SendWithRetriesAsync(http, HttpMethod.Post, "/api/newsletters/unsubscribe", () => JsonContent.Create(new { token = TokenIn(welcome) }), singleUse: true))
        {
            _expected[key] = false;
        }
    }

    private async Task<MimeMessage?> MailAsync(string email, string subjectStart)
    {
        using var patience = new CancellationTokenSource(MailPatience);
        while (!patience.IsCancellationRequested)
        {
            if (mail.To(email).FirstOrDefault(message => message.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>The token a mail carries (a confirmation's, or a welcome's unsubscribe token): the first token-shaped text.</summary>
    private static string TokenIn(MimeMessage mail) => TokenPattern().Match(mail.TextBody ?? "").Groups[1].Value;

    [GeneratedRegex(@"\b([0-9a-f]{64}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
