using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AtlasGrains.Gateway.RateLimiting;

/// <summary>
/// A fixed window of one clock minute per key (a user, a client address): each key may take its permits in each
/// minute, and a request over them is refused until the minute turns. The keys' counts live in a table of the current
/// minute alone, replaced when the minute turns, so the whole cost is one dictionary update per request.
/// <para>
/// Not ASP.NET Core's partitioned limiters, which keep a limiter per key and walk all of them every 100 ms, to
/// replenish each and drop the idle ones. With a key per user that walk grows with the users who wrote in the last
/// minute or so: under the bench's marks, 60,000 new users, it was 18% of the gateway's CPU
/// (bench/results/cpu-profile-s1.md), and it would be more for a site with more readers.
/// </para>
/// </summary>
/// <param name="partition">The key and its permits per minute for a request, or null when this limit doesn't apply to it.</param>
public sealed class MinuteWindowLimiter(Func<HttpContext, (string Key, int PermitsPerMinute)?> partition, TimeProvider clock)
    : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private Minute _current = new(long.MinValue, new(StringComparer.Ordinal));

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (partition(resource) is not var (key, permits))
        {
            return MinuteWindowLease.Acquired;
        }

        var now = clock.GetUtcNow();
        var counts = CurrentMinute(now).Counts;
        var taken = permitCount == 0
            ? counts.GetValueOrDefault(key)
            : counts.AddOrUpdate(key, static (_, count) => count, static (_, taken, count) => taken + count, permitCount);
        return (permitCount == 0 ? taken < permits : taken <= permits)
            ? MinuteWindowLease.Acquired
            : MinuteWindowLease.Refused(TimeSpan.FromTicks(Window.Ticks - now.UtcTicks % Window.Ticks));
    }

    /// <summary>Never waits: a request over the limit is answered 429 at once, with when to retry.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private Minute CurrentMinute(DateTimeOffset now)
    {
        var number = now.UtcTicks / Window.Ticks;
        var current = Volatile.Read(ref _current);
        if (number <= current.Number)
        {
            // The same minute, or a clock stepped back: keep counting in the newest.
            return current;
        }

        // The minute turned: the last one's counts go with its table. A request racing the turn may count in the old
        // table, which only lets it through.
        var next = new Minute(number, new(StringComparer.Ordinal));
        return Interlocked.CompareExchange(ref _current, next, current) == current ? next : Volatile.Read(ref _current);
    }

    private sealed record Minute(long Number, ConcurrentDictionary<string, int> Counts);
}
