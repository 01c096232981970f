using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AtlasGrains.Gateway.Membership;
using AtlasGrains.Tests.Infrastructure;

namespace AtlasGrains.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class MembershipApiTests(ClusterFixture fixture)
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<(Api.Account Reader, string CheckoutId)> StartAsync(string planId = "monthly")
    {
        var reader = await Api.JoinAsync(Gateway);
        var started = await (await Gateway.Client(reader.Token).PostAsJsonAsync("/api/me/membership", new { planId })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending-payment", started.GetProperty("status").GetString());
        return (reader, started.GetProperty("checkoutId").GetString()!);
    }

    private Task<HttpResponseMessage> WebhookAsync(string body, string? signature = "valid")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature == "valid" ? WebhookSignature.For(Encoding.UTF8.GetBytes(body), GatewayHost.WebhookSecret) : signature);
        }

        return Gateway.Client().SendAsync(request);
    }

    private static string Event(string checkoutId, string type = "payment.succeeded", string? id = null) => JsonSerializer.Serialize(new
    {
        id = id ?? Guid.NewGuid().ToString("N"),
        type,
        checkoutId,
        occurredAt = "2026-11-01T10:00:00Z",
    });

    private async Task<JsonElement> MembershipAsync(Api.Account reader) =>
        await (await Gateway.Client(reader.Token).GetAsync("/api/me/membership")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_plans_come_from_configuration()
    {
        var plans = await (await Gateway.Client().GetAsync("/api/membership/plans")).JsonAsync(HttpStatusCode.OK);

        var monthly = plans.GetProperty("items").EnumerateArray().Single(plan => plan.GetProperty("id").GetString() == "monthly");
        Assert.Equal(500, monthly.GetProperty("priceCents").GetInt32());
        Assert.Equal("month", monthly.GetProperty("interval").GetString());
    }

    [Fact]
    public async Task A_signed_success_activates_and_a_replay_changes_nothing()
    {
        var (reader, checkoutId) = await StartAsync("yearly");
        var paid = Event(checkoutId);

        Assert.Equal(HttpStatusCode.OK, (await WebhookAsync(paid)).StatusCode);
        var active = await MembershipAsync(reader);
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal("2027-11-01T10:00:00Z", active.GetProperty("renewsAt").GetString());

        await (await Gateway.Client(reader.Token).DeleteAsync("/api/me/membership")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await WebhookAsync(paid)).StatusCode);

        var afterReplay = await MembershipAsync(reader);
        Assert.Equal("canceling", afterReplay.GetProperty("status").GetString());
        var me = await (await Gateway.Client(reader.Token).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("canceling", me.GetProperty("membership").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=abc")]
    [InlineData("garbage")]
    public async Task A_missing_or_bad_signature_is_401_and_changes_nothing(string? signature)
    {
        var (reader, checkoutId) = await StartAsync();

        await (await WebhookAsync(Event(checkoutId), signature)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("pending-payment", (await MembershipAsync(reader)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_401()
    {
        var (reader, checkoutId) = await StartAsync();
        var signedFor = Event(checkoutId, "payment.failed");
        var tampered = signedFor.Replace("payment.failed", "payment.succeeded", StringComparison.Ordinal);

        await (await WebhookAsync(tampered, WebhookSignature.For(Encoding.UTF8.GetBytes(signedFor), GatewayHost.WebhookSecret)))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("pending-payment", (await MembershipAsync(reader)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failed_payment_leaves_no_membership_and_a_new_checkout_can_start()
    {
        var (reader, checkoutId) = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await WebhookAsync(Event(checkoutId, "payment.failed"))).StatusCode);

        await (await Gateway.Client(reader.Token).GetAsync("/api/me/membership")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Gateway.Client(reader.Token).PostAsJsonAsync("/api/me/membership", new { planId = "monthly" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_event_for_an_unknown_checkout_is_acknowledged_and_ignored()
    {
        Assert.Equal(HttpStatusCode.OK, (await WebhookAsync(Event(Guid.NewGuid().ToString("N")))).StatusCode);
    }

    [Fact]
    public async Task A_second_membership_while_one_is_active_is_409()
    {
        var (reader, checkoutId) = await StartAsync();
        await WebhookAsync(Event(checkoutId));

        await (await Gateway.Client(reader.Token).PostAsJsonAsync("/api/me/membership", new { planId = "yearly" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_canceled_membership_stays_active_until_it_ends_then_expires()
    {
        var (reader, checkoutId) = await StartAsync();
        // The grains' clock, which earlier tests in this collection may have moved on.
        var paidAt = fixture.Cluster.ClockNow;
        var paid = JsonSerializer.Serialize(new { id = Guid.NewGuid().ToString("N"), type = "payment.succeeded", checkoutId, occurredAt = paidAt });
        await WebhookAsync(paid);

        var canceling = await (await Gateway.Client(reader.Token).DeleteAsync("/api/me/membership")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("canceling", canceling.GetProperty("status").GetString());
        Assert.Equal(paidAt.AddMonths(1).UtcDateTime, canceling.GetProperty("endsAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));

        fixture.Cluster.AdvanceClock(TimeSpan.FromDays(32));

        Assert.Equal("expired", (await MembershipAsync(reader)).GetProperty("status").GetString());
        await (await Gateway.Client(reader.Token).PostAsJsonAsync("/api/me/membership", new { planId = "monthly" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_plans_malformed_events_and_missing_tokens_are_refused()
    {
        var reader = await Api.JoinAsync(Gateway);

        await (await Gateway.Client(reader.Token).PostAsJsonAsync("/api/me/membership", new { planId = "lifetime" })).ProblemAsync(HttpStatusCode.BadRequest, "planId");
        await (await Gateway.Client().PostAsJsonAsync("/api/me/membership", new { planId = "monthly" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Gateway.Client(reader.Token).DeleteAsync("/api/me/membership")).ProblemAsync(HttpStatusCode.NotFound);
        await (await WebhookAsync("""{"id":"x","type":"payment.succeeded"}""")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await WebhookAsync("not json")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
