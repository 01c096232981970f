using System.Threading.RateLimiting;
using AtlasGrains.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace AtlasGrains.Tests.Gateway;

/// <summary>Each key takes its permits once per clock minute; a refusal says when the minute turns.</summary>
public sealed class MinuteWindowLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 20, 0, 15, TimeSpan.Zero));

    [Fact]
    public void A_key_over_its_permits_is_refused_until_the_minute_turns_and_other_keys_are_not()
    {
        var limiter = Limiter(permits: 3);

        var granted = Enumerable.Range(0, 3).Select(_ => limiter.AttemptAcquire(Request("busy")).IsAcquired).ToList();
        using var refused = limiter.AttemptAcquire(Request("busy"));

        Assert.All(granted, Assert.True);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter);
        Assert.True(limiter.AttemptAcquire(Request("calm")).IsAcquired);

        _clock.Advance(TimeSpan.FromSeconds(44));
        Assert.False(limiter.AttemptAcquire(Request("busy")).IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.AttemptAcquire(Request("busy")).IsAcquired);
    }

    [Fact]
    public void A_probe_of_no_permits_takes_none()
    {
        var limiter = Limiter(permits: 1);

        Assert.True(limiter.AttemptAcquire(Request("probe"), permitCount: 0).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Request("probe")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Request("probe"), permitCount: 0).IsAcquired);
    }

    [Fact]
    public void Requests_the_limit_does_not_apply_to_are_never_counted()
    {
        var limiter = new MinuteWindowLimiter(_ => null, _clock);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.AttemptAcquire(Request("anyone")).IsAcquired));
    }

    private MinuteWindowLimiter Limiter(int permits) =>
        new(context => ((string)context.Items["key"]!, permits), _clock);

    private static DefaultHttpContext Request(string key) => new() { Items = { ["key"] = key } };
}
