using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>
/// An incoming grain call filter for a gateway's Orleans client: fails the first notices of place changes
/// (<see cref="IPlacePageObserver.PlaceChanged"/>) before the gateway sees them, as a notice whose route ran through a
/// dead silo fails, and counts every notice that arrived.
/// </summary>
public sealed class RefusedPageNotices(int refusals) : IIncomingGrainCallFilter
{
    private int _notices;

    public int Notices => Volatile.Read(ref _notices);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(IPlacePageObserver.PlaceChanged) && Interlocked.Increment(ref _notices) <= refusals)
        {
            throw new InvalidOperationException("Refused by the test: as if the notice's route were broken.");
        }

        return context.Invoke();
    }
}
