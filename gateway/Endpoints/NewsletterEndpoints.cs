using System.Security.Claims;
using System.Text.Json;
using AtlasGrains.Abstractions;
using AtlasGrains.Abstractions.Newsletters;
using AtlasGrains.Abstractions.Users;
using AtlasGrains.Gateway.Auth;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Newsletters;
using AtlasGrains.Gateway.RateLimiting;
using AtlasGrains.Gateway.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>Newsletter signups with double opt-in. Answers never reveal whether an address is known.</summary>
public static class NewsletterEndpoints
{
    private static readonly SubscribeResponse ConfirmationSent = new("confirmation-sent");

    public static IEndpointRouteBuilder MapNewsletters(this IEndpointRouteBuilder routes)
    {
        var newsletters = routes.MapGroup("/api/newsletters").WithTags("Newsletters");
        newsletters.MapGet("/", GetCatalog);
        newsletters.MapPost("/subscriptions", Subscribe).RequireRateLimit(RateLimitRule.NewsletterSignup);
        newsletters.MapPost("/subscriptions/confirm", Confirm);
        newsletters.MapPost("/unsubscribe", Unsubscribe).Accepts<TokenBody>("application/json", "application/x-www-form-urlencoded");
        routes.MapGet("/api/me/newsletters", GetMine).WithTags("Newsletters").RequireAuthorization();
        return routes;
    }

    private static Ok<ItemsResponse<NewsletterResponse>> GetCatalog(IOptions<NewsletterCatalog> catalog) => TypedResults.Ok(
        new ItemsResponse<NewsletterResponse>([.. catalog.Value.Catalog.Select(n => new NewsletterResponse(n.Id, n.Title, n.Description, n.Frequency))]));

    private static async Task<Results<Accepted<SubscribeResponse>, ValidationProblem>> Subscribe(
        SubscribeRequest request, IOptions<NewsletterCatalog> catalog, IGrainFactory grains)
    {
        var errors = NewsletterValidation.Validate(request, catalog.Value, out var email, out var newsletters);
        if (!errors.IsEmpty)
        {
            return ProblemResults.Invalid(errors.ToDictionary());
        }

        // A filled-in honeypot is a bot: it gets the same answer and nothing happens.
        if (string.IsNullOrEmpty(request.Website))
        {
            await grains.GetGrain<ISubscriberGrain>(EmailKey.For(email))
                .RequestAsync(email, [.. newsletters.Select(newsletter => new NewsletterRef(newsletter.Id, newsletter.Title))]);
        }

        return TypedResults.Accepted((string?)null, ConfirmationSent);
    }

    private static async Task<Results<Ok<ConfirmedResponse>, ValidationProblem, ProblemHttpResult>> Confirm(TokenBody request, IGrainFactory grains)
    {
        if (!SubscriptionToken.TryParse(request.Token, out var token))
        {
            return InvalidToken();
        }

        var outcome = await grains.GetGrain<ISubscriberGrain>(token.SubscriberKey).ConfirmAsync(token.Secret);
        return outcome.Result switch
        {
            ConfirmResult.Confirmed => TypedResults.Ok(new ConfirmedResponse(outcome.NewsletterIds)),
            ConfirmResult.Expired => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Confirmation expired",
                detail: "This confirmation link is older than 72 hours: sign up again for a new one."),
            _ => InvalidToken(),
        };
    }

    /// <summary>JSON <c>{token}</c>, or the RFC 8058 one-click form post (List-Unsubscribe=One-Click) with the token in the query.</summary>
    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> Unsubscribe(
        HttpRequest request, string? token, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        string? text;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form["List-Unsubscribe"] != "One-Click")
            {
                return ProblemResults.Invalid(new Dictionary<string, string[]> { ["List-Unsubscribe"] = ["A form post must be List-Unsubscribe=One-Click."] });
            }

            text = token;
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                text = (await request.ReadFromJsonAsync<TokenBody>(json.Value.SerializerOptions))?.Token;
            }
            catch (JsonException)
            {
                return ProblemResults.Invalid(new Dictionary<string, string[]> { ["body"] = ["The JSON body must be {\"token\": \"...\"}."] });
            }
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send application/json {token} or the one-click form post.");
        }

        return SubscriptionToken.TryParse(text, out var parsed)
               && await grains.GetGrain<ISubscriberGrain>(parsed.SubscriberKey).UnsubscribeAsync(parsed.Secret)
            ? TypedResults.Ok()
            : InvalidToken();
    }

    private static async Task<Results<Ok<ItemsResponse<MyNewsletterResponse>>, ProblemHttpResult>> GetMine(ClaimsPrincipal principal, IGrainFactory grains)
    {
        if (await grains.GetGrain<IUserGrain>(principal.UserId()).GetProfileAsync() is not { } profile)
        {
            return ProblemResults.NotFound("User");
        }

        var subscriptions = await grains.GetGrain<ISubscriberGrain>(EmailKey.For(profile.Email)).GetSubscriptionsAsync();
        return TypedResults.Ok(new ItemsResponse<MyNewsletterResponse>(
            [.. subscriptions.Select(subscription => new MyNewsletterResponse(subscription.NewsletterId, subscription.Status.ToString().ToLowerInvariant()))]));
    }

    private static ValidationProblem InvalidToken() =>
        ProblemResults.Invalid(new Dictionary<string, string[]> { ["token"] = ["The token is not valid (mistyped, already used, or replaced)."] });
}
