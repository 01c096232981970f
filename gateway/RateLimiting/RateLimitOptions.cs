namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>Abuse limits ("RateLimits" section); the defaults are API.md's.</summary>
public sealed class RateLimitOptions
{
    public int RequestsPerMinutePerClient { get; set; } = 1200;

    public int AccountCreationsPerMinutePerClient { get; set; } = 60;

    public int WritesPerMinutePerUser { get; set; } = 600;
}
