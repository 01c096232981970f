namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>Endpoint metadata naming the <see cref="RateLimitRule"/> the endpoint is under.</summary>
public sealed record RateLimitRuleMetadata(RateLimitRule Rule);
