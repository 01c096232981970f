using System.Security.Claims;
using System.Text.Json;
using AtlasGrains.Abstractions.Membership;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Membership;
using AtlasGrains.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>Paid membership: plans, checkout, cancel, and the payment provider's signed webhook.</summary>
public static partial class MembershipEndpoints
{
    /// <summary>Webhook bodies are small; a larger one is not from the provider.</summary>
    private const int MaxWebhookBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapMembership(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/membership/plans", GetPlans).WithTags("Membership");
        var mine = routes.MapGroup("/api/me/membership").WithTags("Membership").RequireAuthorization();
        mine.MapPost("/", Start).RequireRateLimit(RateLimitRule.UserWrites);
        mine.MapGet("/", GetMine);
        mine.MapDelete("/", Cancel).RequireRateLimit(RateLimitRule.UserWrites);
        routes.MapPost("/api/payments/webhook", ReceiveWebhook).WithTags("Membership").Accepts<PaymentWebhookRequest>("application/json");
        return routes;
    }

    private static Ok<ItemsResponse<MembershipPlanResponse>> GetPlans(IOptions<MembershipPlans> plans) => TypedResults.Ok(
        new ItemsResponse<MembershipPlanResponse>([.. plans.Value.Plans.Select(plan =>
            new MembershipPlanResponse(plan.Id, plan.Title, plan.PriceCents, plan.Currency, plan.Interval))]));

    private static async Task<Results<Created<MembershipResponse>, ValidationProblem, ProblemHttpResult>> Start(
        StartMembershipRequest request, ClaimsPrincipal principal, IOptions<MembershipPlans> plans, IGrainFactory grains)
    {
        if (plans.Value.Find(request.PlanId) is not { } plan)
        {
            return ProblemResults.Invalid(new Dictionary<string, string[]> { ["planId"] = ["planId must be one of GET /api/membership/plans."] });
        }

        var membership = await grains.GetGrain<IMembershipGrain>(principal.UserId()).StartCheckoutAsync(plan.Id, plan.BillingInterval);
        return membership is null
            ? ProblemResults.Conflict("A membership is already active.")
            : TypedResults.Created("/api/me/membership", MembershipResponse.From(membership));
    }

    private static async Task<Results<Ok<MembershipResponse>, ProblemHttpResult>> GetMine(ClaimsPrincipal principal, IGrainFactory grains) =>
        await grains.GetGrain<IMembershipGrain>(principal.UserId()).GetAsync() is { } membership
            ? TypedResults.Ok(MembershipResponse.From(membership))
            : ProblemResults.NotFound("Membership");

    private static async Task<Results<Ok<MembershipResponse>, ProblemHttpResult>> Cancel(ClaimsPrincipal principal, IGrainFactory grains) =>
        await grains.GetGrain<IMembershipGrain>(principal.UserId()).CancelAsync() is { } membership
            ? TypedResults.Ok(MembershipResponse.From(membership))
            : ProblemResults.NotFound("Active membership");

    /// <summary>The signature over the raw body is checked before the body is parsed; a bad one changes nothing.</summary>
    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReceiveWebhook(
        HttpRequest request, IOptions<PaymentOptions> payments, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IGrainFactory grains, ILoggerFactory loggers)
    {
        var body = await ReadBodyAsync(request);
        if (body is null || !WebhookSignature.IsValid(body, request.Headers[WebhookSignature.Header], payments.Value.WebhookSecret))
        {
            return ProblemResults.Unauthorized("The X-Signature header is missing or does not match the body.");
        }

        PaymentWebhookRequest? payment;
        try
        {
            payment = JsonSerializer.Deserialize<PaymentWebhookRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            payment = null;
        }

        if (payment is not { Id.Length: > 0, CheckoutId.Length: > 0, OccurredAt: not null, Type: not null })
        {
            return ProblemResults.Invalid(new Dictionary<string, string[]> { ["body"] = ["Expected {id, type, checkoutId, occurredAt}."] });
        }

        var logger = loggers.CreateLogger("AtlasGrains.Gateway.PaymentWebhook");
        if (payment.Type is not ("payment.succeeded" or "payment.failed"))
        {
            LogIgnoredType(logger, payment.Id);
            return TypedResults.Ok();
        }

        if (await grains.GetGrain<ICheckoutGrain>(payment.CheckoutId).GetUserAsync() is not { } userId)
        {
            LogUnknownCheckout(logger, payment.Id);
            return TypedResults.Ok();
        }

        await grains.GetGrain<IMembershipGrain>(userId).ApplyPaymentAsync(
            new PaymentEvent(payment.Id, payment.Type == "payment.succeeded", payment.CheckoutId, payment.OccurredAt.Value));
        return TypedResults.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxWebhookBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment event {EventId} has a type we do not handle; acknowledged.")]
    private static partial void LogIgnoredType(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment event {EventId} is for a checkout this service never started; acknowledged and ignored.")]
    private static partial void LogUnknownCheckout(ILogger logger, string eventId);
}
