using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>Abuse limits ("RateLimits" section); the defaults are API.md's.</summary>
public sealed class RateLimitOptions
{
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:RequestsPerMinutePerClient must be at least 1.")]
    public int RequestsPerMinutePerClient { get; set; } = 1200;

    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:AccountCreationsPerMinutePerClient must be at least 1.")]
    public int AccountCreationsPerMinutePerClient { get; set; } = 60;

    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:NewsletterSignupsPerMinutePerClient must be at least 1.")]
    public int NewsletterSignupsPerMinutePerClient { get; set; } = 30;

    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:WritesPerMinutePerUser must be at least 1.")]
    public int WritesPerMinutePerUser { get; set; } = 600;
}
