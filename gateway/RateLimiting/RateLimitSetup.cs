using System.Globalization;
using System.Threading.RateLimiting;
using AtlasGrains.Gateway.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.RateLimiting;

public static class RateLimitSetup
{
    /// <summary>
    /// Fixed one-minute windows (<see cref="MinuteWindowLimiter"/>): per client address for every request, invalid ones
    /// too, and for the endpoints under a <see cref="RateLimitRule"/>, per client address or per user as it says.
    /// </summary>
    public static IServiceCollection AddAtlasRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, TimeProvider>((options, limitOptions, clock) =>
        {
            var limits = limitOptions.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.GlobalLimiter = new GatewayRateLimiter(
                new MinuteWindowLimiter(context => (ClientAddress(context), limits.RequestsPerMinutePerClient), clock),
                new Dictionary<RateLimitRule, MinuteWindowLimiter>
                {
                    [RateLimitRule.AccountCreation] = new(context => (ClientAddress(context), limits.AccountCreationsPerMinutePerClient), clock),
                    [RateLimitRule.NewsletterSignup] = new(context => (ClientAddress(context), limits.NewsletterSignupsPerMinutePerClient), clock),
                    [RateLimitRule.UserWrites] = new(context => (context.User.UserIdOrNull() ?? ClientAddress(context), limits.WritesPerMinutePerUser), clock),
                });
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

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
