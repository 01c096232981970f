using System.Diagnostics;

namespace AtlasGrains.Tests.Infrastructure;

/// <summary>Waits for something another process or a one-way message brings about, failing the test past a deadline.</summary>
public static class Until
{
    /// <remarks>
    /// The deadline is kept by a monotonic clock, not the wall clock, which can be stepped: in CI on 6 December a
    /// ten-second wait of PlacePageApiTests failed in a test that took one second by its runner's monotonic clock.
    /// </remarks>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < timeout, $"The condition did not come true within {timeout}.");
            await Task.Delay(50);
        }
    }
}
