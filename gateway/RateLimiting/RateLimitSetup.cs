using System.Globalization;
using System.Threading.RateLimiting;
using AtlasGrains.Gateway.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.RateLimiting;

public static class RateLimitSetup
{
    public const string AccountCreation = "account-creation";
    public const string UserWrites = "user-writes";
    public const string NewsletterSignup = "newsletter-signup";

    /// <summary>Fixed one-minute windows per client address (all requests, invalid ones too) and per user (writes).</summary>
    public static IServiceCollection AddAtlasRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PerMinute(ClientAddress(context), Limits(context).RequestsPerMinutePerClient));
            options.AddPolicy(AccountCreation, context => PerMinute(ClientAddress(context), Limits(context).AccountCreationsPerMinutePerClient));
            options.AddPolicy(NewsletterSignup, context => PerMinute(ClientAddress(context), Limits(context).NewsletterSignupsPerMinutePerClient));
            options.AddPolicy(UserWrites, context => PerMinute(
                context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.UserId() : ClientAddress(context),
                Limits(context).WritesPerMinutePerUser));
        });
        return services;
    }

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "The rate limit was reached; retry after the time in Retry-After.",
            },
        });
    }
}
