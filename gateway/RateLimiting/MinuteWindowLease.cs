using System.Threading.RateLimiting;

namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>A permit of a <see cref="MinuteWindowLimiter"/>, or its refusal with when to retry. Returning it gives nothing back: the window counts requests.</summary>
internal sealed class MinuteWindowLease : RateLimitLease
{
    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan? _retryAfter;

    private MinuteWindowLease(bool isAcquired, TimeSpan? retryAfter) => (IsAcquired, _retryAfter) = (isAcquired, retryAfter);

    public static RateLimitLease Acquired { get; } = new MinuteWindowLease(isAcquired: true, retryAfter: null);

    public static RateLimitLease Refused(TimeSpan retryAfter) => new MinuteWindowLease(isAcquired: false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterOnly;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
