namespace AtlasGrains.Gateway.RateLimiting;

public static class RateLimitEndpointExtensions
{
    /// <summary>Puts the endpoint under <paramref name="rule"/>, counted by <see cref="RateLimitSetup"/>'s limiters.</summary>
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, RateLimitRule rule)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitRuleMetadata(rule));
}
