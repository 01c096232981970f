using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtlasGrains.Abstractions;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Grains.Outbox;
using AtlasGrains.Tests.Infrastructure;
using Azure.Data.Tables;
using MimeKit;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed partial class NewsletterApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    private MailSink Mail => fixture.Mail;

    private static string NewAddress() => $"reader-{Guid.NewGuid():N}@example.com";

    private Task<HttpResponseMessage> SubscribeAsync(string email, params string[] newsletterIds) =>
        Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions", new { email, newsletterIds, source = "footer" });

    private static bool IsConfirmation(MimeMessage mail) => mail.Subject?.StartsWith("Confirm", StringComparison.Ordinal) == true;

    private static bool IsWelcome(MimeMessage mail) => mail.Subject?.StartsWith("Welcome", StringComparison.Ordinal) == true;

    private static string TokenIn(MimeMessage mail) => TokenPattern().Match(mail.TextBody ?? "").Groups[1].Value;

    [Fact]
    public async Task The_catalog_lists_the_configured_newsletters()
    {
        var catalog = await (await Gateway.Client().GetAsync("/api/newsletters")).JsonAsync(HttpStatusCode.OK);

        var ids = catalog.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Contains("weekly", ids);
        Assert.Contains("places-of-the-day", ids);
    }

    [Fact]
    public async Task Double_opt_in_confirms_by_the_mailed_token_then_one_click_unsubscribes()
    {
        var email = NewAddress();
        await (await SubscribeAsync(email, "weekly", "places-of-the-day")).JsonAsync(HttpStatusCode.Accepted);

        var confirmation = (await Mail.WaitForAsync(email, IsConfirmation)).Single();
        var confirmed = await (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token = TokenIn(confirmation) }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["places-of-the-day", "weekly"], confirmed.GetProperty("newsletterIds").EnumerateArray().Select(id => id.GetString()).Order());

        var welcome = (await Mail.WaitForAsync(email, IsWelcome)).Single();
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        var unsubscribeUrl = new Uri(welcome.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var weekly = fixture.Grains.GetGrain<INewsletterGrain>("weekly");
        var subscribersBefore = await weekly.GetSubscriberCountAsync();

        var oneClick = await Gateway.Client().PostAsync(unsubscribeUrl.PathAndQuery,
            new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var subscriptions = await fixture.Grains.GetGrain<ISubscriberGrain>(EmailKey.For(email)).GetSubscriptionsAsync();
        Assert.All(subscriptions, subscription => Assert.Equal(NewsletterStatus.Unsubscribed, subscription.Status));
        Assert.Equal(subscribersBefore - 1, await weekly.GetSubscriberCountAsync());
        await (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token = TokenIn(confirmation) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "token");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Gateway.Client().GetAsync(unsubscribeUrl.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_the_address_is_new_pending_subscribed_or_unsubscribed()
    {
        var email = NewAddress();
        var answers = new List<string> { await AnswerAsync(await SubscribeAsync(email, "weekly")) };
        answers.Add(await AnswerAsync(await SubscribeAsync(email, "weekly")));
        var confirmation = (await Mail.WaitForAsync(email, IsConfirmation)).Single();
        (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token = TokenIn(confirmation) })).EnsureSuccessStatusCode();
        answers.Add(await AnswerAsync(await SubscribeAsync(email, "weekly")));
        var welcome = (await Mail.WaitForAsync(email, IsWelcome)).Single();
        (await Gateway.Client().PostAsJsonAsync("/api/newsletters/unsubscribe", new { token = TokenIn(welcome) })).EnsureSuccessStatusCode();
        answers.Add(await AnswerAsync(await SubscribeAsync(email, "weekly")));

        Assert.Single(answers.Distinct());
        Assert.Equal("202 application/json; charset=utf-8 {\"status\":\"confirmation-sent\"}", answers[0]);
    }

    [Fact]
    public async Task Asking_again_within_ten_minutes_sends_no_second_mail_and_after_them_sends_one()
    {
        var email = NewAddress();
        await SubscribeAsync(email, "weekly");
        await Mail.WaitForAsync(email, IsConfirmation);
        await SubscribeAsync(email, "weekly");
        await SubscribeAsync(email, "places-of-the-day");

        fixture.Cluster.AdvanceClock(TimeSpan.FromMinutes(11));
        await SubscribeAsync(email, "weekly");

        // Mails of one address leave in order: a mail wrongly sent for the early repeats would come before this one.
        var mails = await Mail.WaitForAsync(email, IsConfirmation, count: 2);
        Assert.Equal(2, mails.Count);
        Assert.Equal(TokenIn(mails[0]), TokenIn(mails[1]));
    }

    [Fact]
    public async Task A_confirmation_older_than_72_hours_is_gone_and_a_used_one_is_invalid()
    {
        var expiring = NewAddress();
        await SubscribeAsync(expiring, "weekly");
        var stale = TokenIn((await Mail.WaitForAsync(expiring, IsConfirmation)).Single());
        fixture.Cluster.AdvanceClock(TimeSpan.FromHours(72));

        await (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token = stale })).ProblemAsync(HttpStatusCode.Gone);

        var fresh = NewAddress();
        await SubscribeAsync(fresh, "weekly");
        var token = TokenIn((await Mail.WaitForAsync(fresh, IsConfirmation)).Single());
        await (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token })).JsonAsync(HttpStatusCode.OK);
        await (await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token })).ProblemAsync(HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task A_signup_while_smtp_is_down_is_mailed_once_when_it_is_back()
    {
        var email = NewAddress();
        var failedSends = new TaskCompletionSource();
        using var listener = MailOutcomes.OnFailure(failedSends);
        await Mail.StopAsync();
        try
        {
            await (await SubscribeAsync(email, "weekly")).JsonAsync(HttpStatusCode.Accepted);
            await failedSends.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // What wakes the subscriber to send again is its row in the pending-owners journal.
            Assert.True(await InJournalAsync(email));
        }
        finally
        {
            await Mail.StartListeningAsync();
        }

        var confirmation = (await Mail.WaitForAsync(email, IsConfirmation, timeout: TimeSpan.FromSeconds(60))).Single();
        await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions/confirm", new { token = TokenIn(confirmation) });
        await Mail.WaitForAsync(email, IsWelcome);

        // The welcome leaves after the confirmation from the same outbox, so by now any duplicate would be here.
        Assert.Single(Mail.To(email), IsConfirmation);

        // With both outboxes empty, the subscriber leaves the journal and nothing wakes it again.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await InJournalAsync(email))
        {
            Assert.False(deadline.IsCancellationRequested, "The subscriber never left the pending-owners journal.");
            await Task.Delay(100);
        }
    }

    private async Task<bool> InJournalAsync(string email)
    {
        var owner = PendingOwners.SubscriberKey(EmailKey.For(email));
        var row = await fixture.Cluster.Table("pendingowners").GetEntityIfExistsAsync<TableEntity>(
            PendingOwners.PartitionKey(PendingOwners.ShardOf(owner)), owner);
        return row.HasValue;
    }

    [Fact]
    public async Task A_filled_honeypot_gets_the_same_answer_and_nothing_happens()
    {
        var email = NewAddress();

        var response = await Gateway.Client().PostAsJsonAsync("/api/newsletters/subscriptions", new { email, newsletterIds = new[] { "weekly" }, website = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await fixture.Grains.GetGrain<ISubscriberGrain>(EmailKey.For(email)).GetSubscriptionsAsync());
    }

    [Theory]
    [InlineData("""{"email":"not-an-address","newsletterIds":["weekly"]}""", "email")]
    [InlineData("""{"email":"a@example.com\r\nBcc: b@example.com","newsletterIds":["weekly"]}""", "email")]
    [InlineData("""{"email":"a@example.com","newsletterIds":["no-such-letter"]}""", "newsletterIds")]
    [InlineData("""{"email":"a@example.com","newsletterIds":[]}""", "newsletterIds")]
    [InlineData("""{"newsletterIds":["weekly"]}""", "email")]
    public async Task Invalid_signups_are_400_naming_the_field(string body, string field)
    {
        var response = await Gateway.Client().PostAsync("/api/newsletters/subscriptions", Api.RawJson(body));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_address_longer_than_254_characters_is_refused()
    {
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";

        await (await SubscribeAsync(email, "weekly")).ProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Theory]
    [InlineData("""{"token":"nonsense"}""")]
    [InlineData("""{"token":"0000000000000000000000000000000000000000000000000000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{}""")]
    public async Task Bad_tokens_are_400(string body)
    {
        await (await Gateway.Client().PostAsync("/api/newsletters/subscriptions/confirm", Api.RawJson(body))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Gateway.Client().PostAsync("/api/newsletters/unsubscribe", Api.RawJson(body))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task My_newsletters_show_the_status_of_my_accounts_address()
    {
        var reader = await Api.JoinAsync(Gateway);
        await SubscribeAsync(reader.Email, "places-of-the-day");
        await Mail.WaitForAsync(reader.Email, IsConfirmation);

        var mine = await (await Gateway.Client(reader.Token).GetAsync("/api/me/newsletters")).JsonAsync(HttpStatusCode.OK);

        var item = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal("places-of-the-day", item.GetProperty("newsletterId").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        await (await Gateway.Client().GetAsync("/api/me/newsletters")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Over_the_signup_limit_a_client_gets_429()
    {
        await using var strict = await GatewayHost.StartAsync(fixture.Cluster, new Dictionary<string, string>
        {
            ["RateLimits:NewsletterSignupsPerMinutePerClient"] = "2",
        });
        using var client = strict.Client();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/newsletters/subscriptions", new { email = NewAddress(), newsletterIds = new[] { "weekly" } }));
        }

        Assert.Equal(HttpStatusCode.Accepted, answers[1].StatusCode);
        await answers[2].ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(answers[2].Headers.RetryAfter);
    }

    private static async Task<string> AnswerAsync(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}";

    // The first token-shaped text: a confirmation's token, or a welcome mail's unsubscribe token.
    [GeneratedRegex(@"\b([0-9a-f]{64}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
