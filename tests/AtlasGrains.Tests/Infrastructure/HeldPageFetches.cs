using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// An outgoing grain call filter for a gateway's Orleans client: counts the gateway's page fetches
/// (<see cref="IPlaceGrain.GetAndFollowAsync"/>) and holds each one's answer, once the place gave it, until
/// <see cref="Release"/>. So a test can have reads overlap a fetch, and changes land after a held page was read.
/// </summary>
public sealed class HeldPageFetches : IOutgoingGrainCallFilter
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fetches;

    /// <summary>How many fetches the gateway sent.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public void Release() => _released.TrySetResult();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.MethodName != nameof(IPlaceGrain.GetAndFollowAsync))
        {
            await context.Invoke();
            return;
        }

        Interlocked.Increment(ref _fetches);
        await context.Invoke();
        await _released.Task;
    }
}
