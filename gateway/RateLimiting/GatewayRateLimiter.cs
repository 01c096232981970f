using System.Threading.RateLimiting;

namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>
/// Every limit of API.md in one limiter: a request takes a permit of its client address's, then, if its endpoint is
/// under a <see cref="RateLimitRule"/>, one of that rule's. Both are <see cref="MinuteWindowLimiter"/>s, whose permits
/// give nothing back when returned, so a request refused by its rule keeps the client permit it took, as invalid
/// requests do. One limiter rather than a chain of them: a chain collects every limiter's lease into a combined one,
/// allocations on every request, place reads included, for limits that mostly don't apply.
/// </summary>
public sealed class GatewayRateLimiter(MinuteWindowLimiter perClient, IReadOnlyDictionary<RateLimitRule, MinuteWindowLimiter> byRule)
    : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var lease = perClient.AttemptAcquire(resource, permitCount);
        return lease.IsAcquired && RuleLimiter(resource) is { } rule ? rule.AttemptAcquire(resource, permitCount) : lease;
    }

    /// <summary>Never waits: a request over a limit is answered 429 at once, with when to retry.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private MinuteWindowLimiter? RuleLimiter(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RateLimitRuleMetadata>() is { } metadata ? byRule[metadata.Rule] : null;
}
