namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>The limit an endpoint is under besides every request's per-client one (API.md, Conventions).</summary>
public enum RateLimitRule
{
    /// <summary>Per client address: <see cref="RateLimitOptions.AccountCreationsPerMinutePerClient"/>.</summary>
    AccountCreation,

    /// <summary>Per client address: <see cref="RateLimitOptions.NewsletterSignupsPerMinutePerClient"/>.</summary>
    NewsletterSignup,

    /// <summary>Per user, or per client address for a caller without a token: <see cref="RateLimitOptions.WritesPerMinutePerUser"/>.</summary>
    UserWrites,
}
