using System.Globalization;
using System.Net.Http.Json;
using AtlasGrains.Abstractions;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Bench.Measuring;

namespace AtlasGrains.Bench.Marks;

/// <summary>
/// S5: a burst of signups from distinct addresses through the public, anonymous endpoint
/// (POST /api/newsletters/subscriptions), closed loop with a fixed number in flight. The silo mails a confirmation
/// per signup, off the answer's path, to this driver's <see cref="MailSink"/>, so that work loads the system as
/// it would with a fast relay instead of failing and piling up retries. Afterwards both must match the acknowledged
/// signups exactly: each address's stored subscription is pending, and each address got exactly one mail.
/// </summary>
internal sealed class NewsletterBurst(HttpClient http, IGrainFactory grains, MarkDrain drain, int workers)
{
    /// <summary>A newsletter of the gateway's default catalog.</summary>
    private const string Newsletter = "weekly";

    public sealed record Result(int Signups, LoadResult Load, MarkDrain.Outcome Stored, MarkDrain.Outcome Mailed, long MailsReceived)
    {
        public async Task ReportAsync(MarksTable table, TextWriter report, double tcPerSecond)
        {
            await report.WriteLineAsync(F($"S5: {Load.PerSecond:F0} signups/s, {Load.Failed} failed; stored: {Stored.Describe()}; mails: {Mailed.Describe()}"));
            table.Measured("S5 newsletter burst: POST subscriptions", Load.PerSecond, "acked signups/s", Load, Load.PerSecond / tcPerSecond, "S5/Tc",
                F($"{Signups:N0} distinct addresses, closed loop; {Load.Succeeded:N0} acked, {Load.Failed:N0} failed; pending subscriptions: {Stored.Describe()}; ") +
                F($"confirmation mails to the bench's SMTP sink ({MailsReceived:N0} received): {Mailed.Describe()} (waits counted from the burst's end)"));
        }
    }

    public static string Address(int number) => $"bench-signup-{number}@bench.example";

    public async Task<Result> RunAsync(int signups, int smtpPort)
    {
        await using var sink = await MailSink.StartAsync(smtpPort);
        var acknowledged = Enumerable.Range(0, signups).ToDictionary(Address, _ => 0);
        var load = await ClosedLoad.RunAsync(http, Post, signups, workers, index =>
        {
            lock (acknowledged)
            {
                acknowledged[Address(index)] = 1;
            }
        });
        // Both from the burst's end: the subscriptions are stored before the answer, the mails leave after it.
        var stored = drain.WaitAsync(acknowledged, "addresses", PendingAsync);
        var mailed = drain.WaitAsync(acknowledged, "addresses", address => Task.FromResult(sink.ReceivedBy(address)));
        return new Result(signups, load, await stored, await mailed, sink.Received);
    }

    private HttpRequestMessage Post(int index) => new(HttpMethod.Post, "/api/newsletters/subscriptions")
    {
        Content = JsonContent.Create(new { email = Address(index), newsletterIds = new[] { Newsletter } }),
    };

    /// <summary>1 when the address's subscription to the newsletter is stored as pending (awaiting confirmation), else 0.</summary>
    private async Task<int> PendingAsync(string address) =>
        (await grains.GetGrain<ISubscriberGrain>(EmailKey.For(address)).GetSubscriptionsAsync())
        .Count(subscription => subscription.NewsletterId == Newsletter && subscription.Status == NewsletterStatus.Pending);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
